"""The Neo4j transport, checked against a stand-in driver (no server here; see test_neo4j_server)."""

from __future__ import annotations

from graphbuild.stores import neo4j as store
from graphbuild.stores import pgmap


class FakeResult:
    def __init__(self, rows):
        self.rows = rows

    def keys(self):
        return ["n"]

    def __iter__(self):
        return iter(FakeRecord(r) for r in self.rows)

    def consume(self):
        return None


class FakeRecord:
    def __init__(self, values):
        self._values = values

    def values(self):
        return list(self._values)


class FakeSession:
    def __init__(self, log, database):
        self.log, self.database = log, database

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute_write(self, work):
        return work(FakeTx(self.log, "write", self.database))

    def execute_read(self, work):
        return work(FakeTx(self.log, "read", self.database))


class FakeTx:
    def __init__(self, log, mode, database):
        self.log, self.mode, self.database = log, mode, database

    def run(self, cypher, params):
        self.log.append((self.mode, self.database, cypher, params))
        return FakeResult([[3]])


class FakeDriver:
    def __init__(self):
        self.log = []

    def session(self, database=None):
        return FakeSession(self.log, database)


def test_writes_go_through_managed_write_transactions_on_the_chosen_database(mini_graph):
    driver = FakeDriver()
    runner = store.Neo4jRunner(driver, "archive")
    stats = store.load(runner, mini_graph, batch_size=10)
    constraints = pgmap.neo4j_constraint_statements()
    assert [c for _, _, c, _ in driver.log[:len(constraints)]] == constraints
    data = driver.log[len(constraints):]
    assert all(mode == "write" and db == "archive" for mode, db, _, _ in driver.log)
    assert [(c, p) for _, _, c, p in data] == [(b.cypher, b.params)
                                              for b in pgmap.load_batches(mini_graph, 10)]
    assert stats.batches == len(data)


def test_reads_return_columns_and_plain_rows():
    driver = FakeDriver()
    columns, rows = store.Neo4jRunner(driver).read("MATCH (n) RETURN count(n) AS n", {})
    assert (columns, rows) == (["n"], [[3]])
    assert driver.log[0][:2] == ("read", None)
