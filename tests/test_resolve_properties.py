"""Resolution is a function of the set of articles: order, repetition and batching never matter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.graphio import dumps
from graphbuild.model import PartialDate
from graphbuild.resolve import resolve_records
from graphbuild.resolve.records import from_extraction
from tests.test_resolve import Page, fact, person

CITIES = ["白山市", "松原市", None]
PEOPLE = ["李明华", "市委书记李明华", "李明华同志", "赵文静", "孙立国"]
PLACES = ["浑江", "浑江区", "新建街", "新建街道", "浑江区新建街道", "我市", "靖宇县", "靖宇"]
ORGS = ["市政府", "市委", "吉林银行浑江支行", "白山长青药业有限公司", "浑江区"]
EVENTS = ["市政府2024年第三次常务会议", "2024年第三次常务会议", "座谈会", "全市人才工作座谈会",
          "第十六届中国-东北亚博览会"]
POSTS = ["市委书记", "市长", "副市长", "省长", "主任", "市委常委、副市长"]

FACTS = st.one_of(
    st.tuples(st.sampled_from(PEOPLE), st.just("Person"), st.sampled_from(["attends", "presides"]),
              st.sampled_from(EVENTS), st.just("Event")),
    st.tuples(st.sampled_from(PEOPLE), st.just("Person"), st.just("holds_position"),
              st.sampled_from(POSTS), st.just("Position")),
    st.tuples(st.sampled_from(PLACES + ORGS), st.sampled_from(["Place", "Organization"]),
              st.just("organizes"), st.sampled_from(EVENTS), st.just("Event")),
    st.tuples(st.sampled_from(PLACES), st.just("Place"), st.just("located_in"),
              st.sampled_from(PLACES), st.just("Place")),
    st.tuples(st.sampled_from(ORGS), st.just("Organization"), st.just("signs_with"),
              st.sampled_from(ORGS), st.just("Organization")),
)
ARTICLE = st.tuples(st.integers(0, 3), st.lists(FACTS, max_size=6),
                    st.lists(st.sampled_from(PEOPLE), max_size=2))


def records(articles):
    """Pages 0-3, each with its own city and date; articles numbered within their page."""
    pages = {n: Page(f"p{n}.txt", CITIES[n % 3], PartialDate(2024, 3, n + 1)) for n in range(4)}
    for page_no, facts, people in articles:
        x = pages[page_no].article()
        for k, (s, s_type, p, o, o_type) in enumerate(facts):
            fact(x, s, s_type, p, o, o_type, sentence=k)
        for name in people:
            person(x, name)
    return [from_extraction(x) for page in pages.values() for x in page.extractions]


@settings(max_examples=60, deadline=None)
@given(st.lists(ARTICLE, max_size=8), st.randoms(use_true_random=False))
def test_order_and_repetition_do_not_change_the_graph(articles, rnd):
    recs = records(articles)
    expected = dumps(resolve_records(recs).graph)
    shuffled = recs + recs[: len(recs) // 2]  # some articles given twice, as an append of old pages
    rnd.shuffle(shuffled)
    assert dumps(resolve_records(shuffled).graph) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(ARTICLE, max_size=8))
def test_every_fact_keeps_its_evidence_and_ends_on_known_entities(articles):
    recs = records(articles)
    graph = resolve_records(recs).graph
    for f in graph.facts.values():
        assert f.evidence and f.s in graph.entities and f.o in graph.entities and f.s != f.o
    raw = {(f.evidence.article, f.evidence.sentence) for r in recs for f in r.facts}
    kept = {(e.article, e.sentence) for f in graph.facts.values() for e in f.evidence}
    dropped = raw - kept  # only facts that resolve to a loop (铁东 located_in 铁东区) may vanish
    for article, sentence in dropped:
        f = next(f for r in recs for f in r.facts if (f.evidence.article, f.evidence.sentence) ==
                 (article, sentence))
        assert f.p in ("located_in", "signs_with", "organizes")
