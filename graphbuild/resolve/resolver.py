"""The resolver: mentions -> entities with stable ids, facts -> GraphFacts with merged evidence.

Two passes, each fed one record (or one page of records) at a time, so that a build can stream
its records from disk instead of holding them. The first (`learn`) reads every record for the
names in play (place spellings, organisation names). The second (`add_page`) takes each page's
records together — event names are clustered per article, then per page — and turns each
mention into a node key, each fact into an edge; `finish` keys persons last, once shared posts
have linked them. Every choice is made from counts and sorted sets: the order of records and of
pages does not change the graph.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from graphbuild import ondisk
from graphbuild.model import (
    SYMMETRIC_PREDICATES,
    ArticleMeta,
    Entity,
    EntityMention,
    Evidence,
    Fact,
    Graph,
    GraphFact,
)
from graphbuild.resolve import events, gazetteer, orgs, persons, places, posts
from graphbuild.resolve.ids import entity_id, fact_id
from graphbuild.resolve.records import ArticleRecord, to_json
from graphbuild.resolve.scope import Scope

NodeKey = tuple[str, str]  # (entity type, canonical key)
LIST_SEPARATORS = re.compile(r"[、，,；;]")
PLACE_PARENT_WRITTEN = "resolve.places.written_parent"  # 铁东区四马路街道: the page says so
PLACE_PARENT_GAZETTEER = "resolve.places.gazetteer"  # known, not stated: kept out of facts.jsonl


@dataclass
class Node:
    type: str
    names: Counter = field(default_factory=Counter)  # canonical names proposed
    surfaces: set[str] = field(default_factory=set)  # as written
    written: Counter = field(default_factory=Counter)  # how often each spelling was written
    subtypes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass
class Resolution:
    graph: Graph
    report: dict[str, Any]


@dataclass(slots=True)
class Edge:
    no: int  # its evidence's key in the spool
    q: QMerge | None = None


class QMerge:
    """Qualifiers of every sighting of a fact, merged as they come (a fact seen on a thousand
    pages keeps one state, not a thousand dicts): numbers the largest seen; anything else the
    smallest text, and for dates the largest too, as last_date."""

    __slots__ = ("state",)

    def __init__(self) -> None:
        self.state: dict[str, list[Any]] = {}  # key -> [all numbers?, largest, smallest text, largest text]

    def add(self, q: dict[str, Any]) -> None:
        for k, v in q.items():
            text = str(v)
            self._merge(k, isinstance(v, (int, float)) and not isinstance(v, bool), v, text, text)

    def absorb(self, other: QMerge) -> None:
        for k, (numeric, top, low, high) in other.state.items():
            self._merge(k, numeric, top, low, high)

    def _merge(self, k: str, numeric: bool, top: Any, low: str, high: str) -> None:
        st = self.state.get(k)
        if st is None:
            self.state[k] = [numeric, top, low, high]
            return
        st[0] = st[0] and numeric
        if st[0] and top > st[1]:  # the first of equal numbers stays (5 before 5.0)
            st[1] = top
        st[2], st[3] = min(st[2], low), max(st[3], high)

    def result(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for k, (numeric, top, low, high) in sorted(self.state.items()):
            if numeric:
                merged[k] = top
            else:
                merged[k] = low
                if k == "date" and high != low:
                    merged["last_date"] = high
        return merged


class Resolver:
    def __init__(self, work: ondisk.WorkDir | None = None) -> None:
        """`work`: where evidence and articles are spilled (and then kept for the graph's life)."""
        self.work = work or ondisk.WorkDir()
        self.places = places.PlaceIndex()
        self.nodes: dict[NodeKey, Node] = {}
        self.edges: dict[tuple[NodeKey, str, NodeKey], Edge] = {}
        self.article_nodes: dict[str, set[NodeKey]] = defaultdict(set)  # the page being added
        self.evidence_spool = ondisk.RowWriter(self.work / "evidence.spool")
        self.article_spool = ondisk.RowWriter(self.work / "articles.spool")
        self.article_count = 0
        self.pages = 0
        self.people = persons.UnionFind()
        self.event_names: dict[tuple[str, str], str] = {}  # (article id, written) -> canonical, one page's
        self._place_memo: dict[tuple[str, str | None, str | None], places.PlaceName] = {}
        self._org_memo: dict[tuple[str, str | None, str | None, str | None], orgs.OrgName] = {}
        self._post_memo: dict[tuple[str, str | None, str | None], posts.PostName] = {}
        self.org_written: set[str] = set()

    # -- pass 1 -----------------------------------------------------------------------------
    def learn(self, record: ArticleRecord) -> None:
        """The names one record writes: every record is learnt before any page is added."""
        self.learn_names(record.meta.home_city, names_to_learn(record))

    def learn_names(self, city: str | None, names: Iterable[tuple[str, str]]) -> None:
        """learn, from what names_to_learn gave (a worker sends that, not the record)."""
        if city:
            self.places.add(city, None)
        for name, type_ in names:
            if type_ == "Place" or places.is_division(name):
                self.places.add(name, city)
            if type_ == "Organization":
                self.org_written.add(name)

    # -- pass 2 -----------------------------------------------------------------------------
    def add_page(self, records: list[ArticleRecord]) -> None:
        """One page's records (all of them, in one call: event names are clustered per page)."""
        self.pages += 1
        scopes = [self._scope(r) for r in records]
        self._learn_events(records)
        for record, scope in zip(records, scopes, strict=True):
            self._home_city(scope)
            for fact in record.facts:
                self._add_fact(fact, scope)
            for mention in record.entities:
                self._add_entity_mention(mention, scope)
            self._spill_article(record.meta)
        self.event_names = {}

    def _spill_article(self, meta: ArticleMeta) -> None:
        """The article, with the node keys it names (ids exist only once persons are merged)."""
        keys = tuple(sorted(self.article_nodes.pop(meta.id, ())))
        self.article_spool.add((*ondisk.article_row(meta)[:-1], keys))
        self.article_count += 1

    def finish(self) -> Resolution:
        self._link_people_by_post()
        return self._finish()

    def _scope(self, record: ArticleRecord) -> Scope:
        """The article's district: the district or county it names most (ties: code point)."""
        meta = record.meta
        base = Scope(meta.doc, meta.id, meta.home_city, None, meta.date)
        counts: Counter = Counter()
        for name, type_ in _named(record):
            if type_ in ("Place", "Organization") and places.is_division(name):
                place = self._resolve_place(name, base)
                if place.subtype in ("District", "County"):
                    counts[place.name] += 1
        district = min(counts, key=lambda n: (-counts[n], n)) if counts else None
        return Scope(meta.doc, meta.id, meta.home_city, district, meta.date)

    def _learn_events(self, records: list[ArticleRecord]) -> None:
        """Cluster event names per article, then across the page for names long enough to be specific."""
        heads: dict[str, str | None] = {}
        for record in records:
            names = {(f.s if f.s_type == "Event" else f.o, f.s_subtype if f.s_type == "Event"
                      else f.o_subtype) for f in record.facts if "Event" in (f.s_type, f.o_type)}
            names |= {(m.name, m.subtype) for m in record.entities if m.type == "Event"}
            local = events.cluster(names)
            for written, head in local.items():
                self.event_names[(record.meta.id, written)] = head
            subtypes = {n: s for n, s in names}
            heads.update({head: subtypes.get(head) for head in local.values()})
        page_map = events.cluster(heads.items(), events.DOC_LEVEL_MIN)
        for key, head in self.event_names.items():
            self.event_names[key] = page_map.get(head, head)

    def _add_fact(self, fact: Fact, scope: Scope) -> None:
        if fact.p == "holds_position" or fact.o_type in ("Position", "Post"):
            s = self._node(fact.s, fact.s_type, fact.s_subtype, scope)
            q = dict(fact.q)
            if scope.date and "date" not in q:
                q["date"] = scope.date
            for title in filter(None, LIST_SEPARATORS.split(fact.o)):  # 市委常委、副市长: two posts
                self._edge(s, "holds_position", self._post(title, scope, fact.evidence), fact.evidence, q)
            return
        s = self._node(fact.s, fact.s_type, fact.s_subtype, scope, fact.evidence)
        o = self._node(fact.o, fact.o_type, fact.o_subtype, scope, fact.evidence)
        if fact.p in SYMMETRIC_PREDICATES and o < s:
            s, o = o, s
        self._edge(s, fact.p, o, fact.evidence, dict(fact.q))
        if fact.p == "held_in" and s[0] == "Event":
            self.nodes[s].attrs.setdefault("places", set()).add(o)
        for end in (s, o):
            if end[0] == "Event":
                self._date_event(end, fact.q.get("date") or scope.date)
        for end in (s, o):
            if end[0] == "Project" and "investment_cny" in fact.q:
                self._max_attr(end, "investment_cny", float(fact.q["investment_cny"]))

    def _add_entity_mention(self, mention: EntityMention, scope: Scope) -> None:
        evidence = Evidence(doc=mention.doc, article=mention.article, sentence=-1,
                            start=mention.span[0], end=mention.span[1], text=mention.name,
                            rule="resolve.entity_mention")
        key = self._node(mention.name, mention.type, mention.subtype, scope, evidence)
        if mention.role:
            self.nodes[key].roles.add(mention.role)
        if key[0] == "Event":
            self._date_event(key, scope.date)

    def _node(self, written: str, type_: str, subtype: str | None, scope: Scope,
              evidence: Evidence | None = None) -> NodeKey:
        if type_ == "Organization" and places.is_division(written):
            type_, subtype = "Place", None  # 铁东区 as organiser is the place 铁东区
        if type_ == "Person":
            name = persons.clean_name(written)
            key = persons.person_key(name, scope.city)
            return self._touch(("Person", key), name, written, None, scope, "title or honorific stripped")
        if type_ == "Place":
            return self._place(written, scope, evidence)
        if type_ == "Organization":
            return self._org(written, subtype, scope, evidence)
        if type_ == "Event":
            name = self.event_names.get((scope.article, written), written)
            key = events.event_key(name, scope.city, scope.date)
            return self._touch(("Event", key), name, written, subtype, scope,
                               "contained in a longer name of the same event in the page")
        if type_ == "Project":
            name = orgs.expand(written, scope)[0]  # 市儿童福利院改建项目 is the page's city's
            return self._touch(("Project", f"{scope.city_key}|{name}"), name, written, subtype,
                               scope, "project written relative to the city")
        if type_ in ("Position", "Post"):
            return self._post(written, scope, evidence)
        return self._touch((type_, f"{scope.city_key}|{written}"), written, written, subtype, scope, "")

    def _home_city(self, scope: Scope) -> None:
        """Every home city is a Place, named by a page or not (a city's posts and bodies hang off it)."""
        if scope.city:
            place = self._resolve_place(scope.city, scope)
            node = self._node_at(("Place", place.key))
            node.names[place.name] += 0
            node.subtypes[place.subtype] += 0

    def _resolve_place(self, written: str, scope: Scope) -> places.PlaceName:
        """resolve_place, memoised: it depends only on the name, city and district."""
        memo = (written, scope.city, scope.district)
        if memo not in self._place_memo:
            self._place_memo[memo] = places.resolve_place(written, scope, self.places)
        return self._place_memo[memo]

    def _place(self, written: str, scope: Scope, evidence: Evidence | None) -> NodeKey:
        place = self._resolve_place(written, scope)
        key = self._touch(("Place", place.key), place.name, written, place.subtype, scope, place.how)
        if place.parent and place.parent != place.name and evidence:
            parent = self._place(place.parent, scope, evidence)
            rule = PLACE_PARENT_WRITTEN if place.parent_written else PLACE_PARENT_GAZETTEER
            self._edge(key, "located_in", parent, _derived(evidence, rule), {})
        return key

    def _org(self, written: str, subtype: str | None, scope: Scope, evidence: Evidence | None) -> NodeKey:
        memo = (written, subtype, scope.city, scope.district)  # all resolve_org reads of them
        org = self._org_memo.get(memo)
        if org is None:
            org = self._org_memo[memo] = orgs.resolve_org(written, scope, subtype, self.org_written)
        key = self._touch(("Organization", org.key), org.name, written, org.subtype, scope,
                          "organisation name completed (page city or district, full place name)")
        self.nodes[key].aliases.update(org.aliases)
        if org.parent and evidence:
            parent = self._org(org.parent, None, scope, None)
            self._edge(key, "part_of", parent, _derived(evidence, "resolve.orgs.part_of"), {})
        return key

    def _post(self, written: str, scope: Scope, evidence: Evidence | None) -> NodeKey:
        memo = (written, scope.city, scope.district)  # all resolve_post reads of them
        post = self._post_memo.get(memo)
        if post is None:
            post = self._post_memo[memo] = posts.resolve_post(written, scope)
        key = self._touch(("Post", post.key), post.name, written, None, scope,
                          "title written relative to the page's city")
        node = self.nodes[key]
        node.attrs["title"] = post.title
        if post.org:
            node.attrs["org"] = post.org.name
            org = self._org(post.org.name, post.org.subtype, scope, None)
            if evidence:
                self._edge(key, "post_in", org, _derived(evidence, "resolve.posts.post_in"), {})
        return key

    def _node_at(self, key: NodeKey) -> Node:
        """The node for key, made on first use (setdefault would build a Node on every call)."""
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = Node(key[0])
        return node

    def _touch(self, key: NodeKey, name: str, written: str, subtype: str | None, scope: Scope,
               reason: str) -> NodeKey:
        node = self._node_at(key)
        node.names[name] += 1
        node.surfaces.add(written)
        node.written[written] += 1
        node.mentions += 1
        if subtype:
            node.subtypes[subtype] += 1
        if written != name and reason:
            node.reasons.add(reason)
        if key[0] == "Person" and scope.city:
            node.attrs["home_city"] = scope.city
        self.article_nodes[scope.article].add(key)
        return key

    def _edge(self, s: NodeKey, p: str, o: NodeKey, evidence: Evidence, q: dict[str, Any]) -> None:
        if s == o:
            return  # 铁东 located_in 铁东区 once both are one place
        edge = self.edges.get((s, p, o))
        if edge is None:
            edge = self.edges[(s, p, o)] = Edge(len(self.edges))
        self.evidence_spool.add((edge.no, evidence.doc, evidence.article, evidence.sentence,
                                 evidence.start, evidence.end, evidence.text, evidence.rule))
        if q:
            if edge.q is None:
                edge.q = QMerge()
            edge.q.add(q)

    def _date_event(self, key: NodeKey, date: str) -> None:
        node = self.nodes[key]
        if date:  # a year in the event's name completes a page date without one
            node.dates.add(events.with_year(str(date), "".join(sorted(node.names))))

    def _max_attr(self, key: NodeKey, attr: str, value: float) -> None:
        attrs = self.nodes[key].attrs
        attrs[attr] = max(value, attrs.get(attr, value))

    def _link_people_by_post(self) -> None:
        """The same name in two cities is one person when both hold the same post."""
        holders: dict[NodeKey, set[str]] = defaultdict(set)
        for (s, p, o) in self.edges:
            if p == "holds_position" and s[0] == "Person":
                holders[o].add(s[1])
        for post, keys in sorted(holders.items()):
            by_name: dict[str, list[str]] = defaultdict(list)
            for key in sorted(keys):
                by_name[key.split("|", 1)[1]].append(key)
            for same in by_name.values():
                for other in same[1:]:
                    self.people.union(same[0], other, f"shared post {_canonical_name(self.nodes[post])}")

    # -- output -----------------------------------------------------------------------------
    def _final_key(self, key: NodeKey) -> NodeKey:
        return ("Person", self.people.find(key[1])) if key[0] == "Person" else key

    def _finish(self) -> Resolution:
        merged = self._merged_nodes()
        ids = {key: entity_id(key[0], key[1]) for key in merged}
        graph = Graph()
        for key, node in merged.items():
            graph.entities[ids[key]] = self._entity(ids[key], key, node)
        edge_facts = self._add_facts(graph, ids)
        self._place_evidence(graph, edge_facts)
        graph.articles = self._article_table(ids)
        return Resolution(graph, self._report(merged, ids))

    def _merged_nodes(self) -> dict[NodeKey, Node]:
        """One node per final key: persons linked by a shared post become one."""
        merged: dict[NodeKey, Node] = {}
        for key in sorted(self.nodes):
            final = self._final_key(key)
            if final in merged:
                _absorb(merged[final], self.nodes[key])
            else:
                merged[final] = self.nodes[key]
        return merged

    def _add_facts(self, graph: Graph, ids: dict[NodeKey, str]) -> dict[int, str]:
        """One GraphFact per (subject, predicate, object) of ids, qualifiers merged; returns the
        fact each edge went into, by edge number (edges between merged persons share one)."""
        edge_facts: dict[int, str] = {}
        qs: dict[str, QMerge] = {}
        for (s, p, o), edge in sorted(self.edges.items()):
            sid, oid = ids[self._final_key(s)], ids[self._final_key(o)]
            if sid == oid:
                continue
            if p in SYMMETRIC_PREDICATES and oid < sid:
                sid, oid = oid, sid
            fid = edge_facts[edge.no] = fact_id(sid, p, oid)
            if fid not in graph.facts:
                graph.facts[fid] = GraphFact(fid, sid, p, oid)
                qs[fid] = QMerge()
            if edge.q is not None:
                qs[fid].absorb(edge.q)
        for fid, q in qs.items():
            graph.facts[fid].q = q.result()
        return edge_facts

    def _place_evidence(self, graph: Graph, edge_facts: dict[int, str]) -> None:
        """Each fact's evidence, sorted and unique, as one blob in a file the fact points into."""
        self.evidence_spool.close()
        rows = ((edge_facts[no], doc, article, start, end, sentence, rule, text)
                for no, doc, article, sentence, start, end, text, rule
                in ondisk.load_rows(self.work / "evidence.spool") if no in edge_facts)
        blobs = ondisk.BlobWriter(self.work / "evidence.bin")
        placed = []
        for fid, group in groupby(ondisk.sorted_rows(rows, self.work.path), key=itemgetter(0)):
            evidence = [(doc, article, sentence, start, end, text, rule)
                        for _, doc, article, start, end, sentence, rule, text in group]
            placed.append((fid, *blobs.add(evidence), len(evidence)))
        blobs.close()
        (self.work / "evidence.spool").unlink()
        file = ondisk.BlobFile(blobs.path, self.work, ondisk.evidence_from_rows)
        for fid, offset, length, count in placed:
            graph.facts[fid].evidence = ondisk.EvidenceList(file, offset, length, count)

    def _article_table(self, ids: dict[NodeKey, str]) -> ondisk.ArticleTable:
        """The articles in id order, each with the ids of the entities it names."""
        self.article_spool.close()
        path = self.work / "articles.bin"
        rows = ondisk.sorted_rows(ondisk.load_rows(self.work / "articles.spool"), self.work.path)
        ondisk.write_rows(((*row[:-1], tuple(sorted({ids[self._final_key(k)] for k in row[-1]})))
                           for row in rows), path)
        (self.work / "articles.spool").unlink()
        return ondisk.ArticleTable(path, self.article_count, self.work)

    def _entity(self, id_: str, key: NodeKey, node: Node) -> Entity:
        name = _canonical_name(node)
        attrs = {k: v for k, v in node.attrs.items() if k != "places"}
        if key[0] == "Person":
            attrs["home_city"] = key[1].split("|", 1)[0] or attrs.get("home_city")
            attrs = {k: v for k, v in attrs.items() if v}
        if node.roles:
            attrs["roles"] = sorted(node.roles)
        if node.dates:
            attrs["date"] = events.best_date(node.dates)
        if "places" in node.attrs:
            attrs["place"] = min(_canonical_name(self.nodes[p]) for p in node.attrs["places"])
        aliases = {a for a in node.surfaces | node.aliases | set(node.names) if _is_alias(a, key[0])} - {name}
        if key[0] == "Person":
            aliases = {persons.clean_name(a) for a in aliases} - {name}
        subtype = min(node.subtypes, key=lambda s: (-node.subtypes[s], s)) if node.subtypes else None
        return Entity(id_, key[0], name, subtype, sorted(aliases), attrs)

    def _report(self, merged: dict[NodeKey, Node], ids: dict[NodeKey, str]) -> dict[str, Any]:
        per_type: dict[str, dict[str, int]] = {}
        merges = []
        for key, node in sorted(merged.items(), key=lambda kv: ids[kv[0]]):
            row = per_type.setdefault(key[0], {"mentions": 0, "spellings": 0, "entities": 0})
            row["mentions"] += node.mentions
            row["spellings"] += len(node.surfaces)
            row["entities"] += 1
            reasons = set(node.reasons)
            if key[0] == "Person":
                reasons.update(self.people.reasons.get(key[1], []))
                if node.mentions > 1:
                    reasons.add(f"same name in {key[1].split('|', 1)[0] or 'pages of no known city'}")
            if len(node.surfaces) > 1 or reasons - {""}:
                merges.append({"id": ids[key], "type": key[0], "name": _canonical_name(node),
                               "mentions": node.mentions, "written": sorted(node.surfaces),
                               "why": sorted({r for w in reasons if w for r in w.split("; ")})})
        return {"types": dict(sorted(per_type.items())), "merges": merges,
                "articles": self.article_count, "pages": self.pages}


# -- helpers ------------------------------------------------------------------------------------

def resolve_records(records: Iterable[ArticleRecord]) -> Resolution:
    """Resolve records held in memory (a build streams them from disk through a Resolver)."""
    resolver = Resolver()
    unique = _unique_sorted(records)
    for record in unique:
        resolver.learn(record)
    pages: dict[str, list[ArticleRecord]] = defaultdict(list)
    for record in unique:
        pages[record.meta.doc].append(record)
    for doc in sorted(pages):
        resolver.add_page(pages[doc])
    return resolver.finish()


def _unique_sorted(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    """One record per article id (the same id twice keeps the smaller serialisation)."""
    chosen: dict[str, ArticleRecord] = {}
    for record in records:
        old = chosen.get(record.meta.id)
        if old is None or to_json(record) < to_json(old):
            chosen[record.meta.id] = record
    return [chosen[k] for k in sorted(chosen)]


def names_to_learn(record: ArticleRecord) -> tuple[tuple[str, str], ...]:
    """The (name, type) pairs of a record that the first pass reads: places and organisations."""
    return tuple(named for named in _named(record) if named[1] in ("Place", "Organization"))


def _named(record: ArticleRecord) -> Iterable[tuple[str, str]]:
    for f in record.facts:
        yield f.s, f.s_type
        yield f.o, f.o_type
    for m in record.entities:
        yield m.name, m.type


def _derived(evidence: Evidence, rule: str) -> Evidence:
    return Evidence(evidence.doc, evidence.article, evidence.sentence, evidence.start, evidence.end,
                    evidence.text, rule)  # dataclasses.replace is 5x slower


def _absorb(into: Node, other: Node) -> None:
    into.names.update(other.names)
    into.surfaces |= other.surfaces
    into.written.update(other.written)
    into.subtypes.update(other.subtypes)
    into.aliases |= other.aliases
    into.dates |= other.dates
    into.roles |= other.roles
    into.reasons |= other.reasons
    into.mentions += other.mentions
    for k, v in other.attrs.items():
        into.attrs.setdefault(k, v)


def _canonical_name(node: Node) -> str:
    """Events: the longest name; others: the most frequent (ties: longest, then code point).

    A gazetteer name no page wrote (四平红嘴经济技术开发区) yields to the pages' own spelling of the
    division (红开区), if one was written; the gazetteer name is then an alias.
    """
    if node.type == "Event":
        return min(node.names, key=lambda n: (-len(n), n))
    name = min(node.names, key=lambda n: (-node.names[n], -len(n), n))
    if node.type == "Place" and not node.written[name]:
        spelled = [w for w in node.written if gazetteer.canonical(w) == name and places.split_suffix(w)]
        if spelled:
            return min(spelled, key=lambda w: (-node.written[w], -len(w), w))
    return name


def _is_alias(written: str, type_: str) -> bool:
    """Relative names (市政府, 我市) name a different body on every page: never aliases."""
    if written in places.CITY_WORDS | places.DISTRICT_WORDS | places.PROVINCE_WORDS:
        return False
    if type_ == "Post":  # 市长 or 副市长 alone name a different post on every page
        return bool(gazetteer.prefix_of(written)) or written.startswith("中共")
    return not (type_ in ("Organization", "Place", "Project")
                and (orgs.RELATIVE.match(written) or places.SEAT.match(written)))
