"""Resolution rules on hand-made extractions (invented names, the genre's shapes)."""

from __future__ import annotations

import random
from array import array

from graphbuild.model import (
    Article,
    ArticleExtraction,
    EntityMention,
    Evidence,
    Fact,
    Graph,
    MappedText,
    PartialDate,
)
from graphbuild.resolve import resolve, resolve_records
from graphbuild.resolve.records import from_extraction, from_json, to_json

CITY_A, CITY_B = "白山市", "松原市"


def mapped(text: str, start: int = 0) -> MappedText:
    return MappedText(text, array("q", range(start, start + len(text))))


class Page:
    """Builds ArticleExtractions for one invented page: page.article(...).fact(...)."""

    def __init__(self, doc: str, city: str | None = CITY_A, date: PartialDate | None = None) -> None:
        self.doc, self.city, self.date = doc, city, date or PartialDate(2024, 3, 5)
        self.extractions: list[ArticleExtraction] = []

    def article(self, headline: str = "标题", body: str = "正文") -> ArticleExtraction:
        index = len(self.extractions)
        article = Article(doc=self.doc, id=f"{self.doc}#{index}", index=index, kind="article",
                          titles=[("main", mapped(headline))], body=mapped(body, 100),
                          home_city=self.city, date=self.date, span=(100, 100 + len(body)))
        self.extractions.append(ArticleExtraction(article))
        return self.extractions[-1]


def fact(x: ArticleExtraction, s: str, s_type: str, p: str, o: str, o_type: str,
         sentence: int = 0, q: dict | None = None, o_subtype: str | None = None) -> Fact:
    ev = Evidence(doc=x.article.doc, article=x.article.id, sentence=sentence, start=sentence * 10,
                  end=sentence * 10 + 5, text=f"{s}{p}{o}", rule=f"test.{p}")
    made = Fact(s, s_type, p, o, o_type, ev, dict(q or {}), o_subtype=o_subtype)
    x.facts.append(made)
    return made


def person(x: ArticleExtraction, name: str, role: str | None = None) -> None:
    x.entities.append(EntityMention(x.article.doc, x.article.id, "Person", name, role=role))


def named(graph: Graph, type_: str, name: str) -> list[str]:
    return [e.id for e in graph.entities.values() if e.type == type_ and e.name == name]


def of_type(graph: Graph, type_: str) -> list[str]:
    return sorted(e.name for e in graph.entities.values() if e.type == type_)


def edges(graph: Graph, p: str) -> set[tuple[str, str]]:
    name = {i: e.name for i, e in graph.entities.items()}
    return {(name[f.s], name[f.o]) for f in graph.facts.values() if f.p == p}


# -- persons --------------------------------------------------------------------------------------

def test_person_titles_and_honorifics_are_stripped_and_one_person_per_city():
    page = Page("a.txt")
    x = page.article()
    fact(x, "市委书记李明华", "Person", "inspects", "白山长青药业有限公司", "Organization")
    fact(x, "李明华同志", "Person", "attends", "全市招商工作会议", "Event", sentence=1)
    person(x, "李明华")
    graph = resolve(page.extractions)
    assert of_type(graph, "Person") == ["李明华"]
    assert graph.entities[named(graph, "Person", "李明华")[0]].attrs["home_city"] == CITY_A


def test_keeps_a_surname_with_honorific_that_is_the_only_name_given():
    page = Page("a.txt")
    person(page.article(), "王先生")
    assert of_type(resolve(page.extractions), "Person") == ["王先生"]


def test_same_name_in_two_cities_is_two_people():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    person(a.article(), "赵文静")
    person(b.article(), "赵文静")
    assert len(named(resolve(a.extractions + b.extractions), "Person", "赵文静")) == 2


def test_same_name_in_two_cities_holding_one_post_is_one_person_with_the_reason():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    fact(a.article(), "赵文静", "Person", "holds_position", "省长", "Position")
    fact(b.article(), "赵文静", "Person", "holds_position", "省长", "Position")
    result = resolve_records(from_extraction(x) for x in a.extractions + b.extractions)
    assert len(named(result.graph, "Person", "赵文静")) == 1
    merge = next(m for m in result.report["merges"] if m["name"] == "赵文静")
    assert any("shared post" in why for why in merge["why"])


# -- posts ----------------------------------------------------------------------------------------

def test_city_relative_posts_become_posts_of_the_pages_city():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    fact(a.article(), "李明华", "Person", "holds_position", "市委书记", "Position")
    xb = b.article()
    fact(xb, "孙立国", "Person", "holds_position", "市委书记", "Position")
    fact(xb, "孙立国", "Person", "holds_position", "市长", "Position")
    fact(xb, "周海", "Person", "holds_position", "常务副市长", "Position")
    graph = resolve(a.extractions + b.extractions)
    assert edges(graph, "holds_position") == {
        ("李明华", "白山市委书记"), ("孙立国", "松原市委书记"), ("孙立国", "松原市长"),
        ("周海", "松原市常务副市长")}
    assert edges(graph, "post_in") == {
        ("白山市委书记", "白山市委"), ("松原市委书记", "松原市委"), ("松原市长", "松原市人民政府"),
        ("松原市常务副市长", "松原市人民政府")}
    mayor = graph.entities[named(graph, "Post", "松原市长")[0]]
    assert mayor.attrs == {"title": "市长", "org": "松原市人民政府"}
    held = next(f for f in graph.facts.values() if f.p == "holds_position")
    assert held.q["date"] == "2024-03-05"


def test_one_post_however_the_page_writes_it():
    page = Page("a.txt")
    x = page.article()
    for name, title in (("李明华", "市委书记"), ("王刚", "中共白山市委书记"), ("赵文静", "白山副市长"),
                        ("孙立国", "市政府副市长"), ("周海", "市委常委、副市长")):
        fact(x, name, "Person", "holds_position", title, "Position")
    graph = resolve(page.extractions)
    assert of_type(graph, "Post") == ["白山市副市长", "白山市委书记", "白山市委常委"]
    assert ("周海", "白山市副市长") in edges(graph, "holds_position")


def test_a_district_head_is_a_post_of_the_articles_district():
    page = Page("a.txt")
    x = page.article()
    fact(x, "浑江区", "Organization", "organizes", "全区安全生产会议", "Event")
    fact(x, "刘平", "Person", "holds_position", "区长", "Position")
    graph = resolve(page.extractions)
    assert edges(graph, "post_in") == {("浑江区区长", "浑江区人民政府")}


def test_a_national_office_links_the_same_name_across_cities():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    fact(a.article(), "赵国强", "Person", "holds_position", "总书记", "Position")
    fact(b.article(), "赵国强", "Person", "holds_position", "总书记", "Position")
    assert len(named(resolve(a.extractions + b.extractions), "Person", "赵国强")) == 1


def test_a_generic_title_does_not_link_namesakes_of_two_cities():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    fact(a.article(), "赵文静", "Person", "holds_position", "主任", "Position")
    fact(b.article(), "赵文静", "Person", "holds_position", "主任", "Position")
    assert len(named(resolve(a.extractions + b.extractions), "Person", "赵文静")) == 2


def test_a_post_naming_its_own_body_is_kept_as_written():
    page = Page("a.txt")
    fact(page.article(), "刘平", "Person", "holds_position", "江源区文旅局副局长", "Position")
    graph = resolve(page.extractions)
    assert edges(graph, "post_in") == {("江源区文旅局副局长", "江源区文旅局")}


# -- places ---------------------------------------------------------------------------------------

def test_place_suffix_variants_and_abbreviations_are_one_place():
    page = Page("a.txt")
    x = page.article()
    fact(x, "浑江", "Place", "exhibits_at", "第十六届中国-东北亚博览会", "Event")
    fact(x, "浑江区", "Organization", "organizes", "全区消防演练", "Event")
    fact(x, "新建街", "Place", "located_in", "浑江区", "Place")
    fact(x, "新建街道", "Place", "organizes", "义诊活动", "Event")
    fact(x, "靖宇满族自治县", "Place", "exhibits_at", "第十六届中国-东北亚博览会", "Event")
    fact(x, "靖宇县", "Place", "organizes", "招商推介会", "Event")
    fact(x, "靖宇", "Place", "hosts", "矿泉水项目", "Project")
    graph = resolve(page.extractions)
    places = of_type(graph, "Place")
    for name in ("新建街道", "浑江区", "靖宇满族自治县"):
        assert places.count(name) == 1
    assert not {"浑江", "新建街", "靖宇县", "靖宇"} & set(places)
    assert ("新建街道", "浑江区") in edges(graph, "located_in")


def test_a_bare_core_prefers_the_county_over_the_town():
    page = Page("a.txt")
    x = page.article()
    fact(x, "抚松镇", "Place", "located_in", "抚松县", "Place")
    fact(x, "抚松", "Place", "hosts", "人参产业园项目", "Project")
    assert edges(resolve(page.extractions), "hosts") == {("抚松县", "人参产业园项目")}


def test_district_prefixed_place_is_split_into_place_and_parent():
    page = Page("a.txt")
    x = page.article()
    fact(x, "浑江区", "Place", "located_in", "白山市", "Place")
    fact(x, "浑江区新建街道", "Place", "organizes", "义诊活动", "Event")
    graph = resolve(page.extractions)
    assert ("新建街道", "浑江区") in edges(graph, "located_in")
    assert edges(graph, "organizes") == {("新建街道", "义诊活动")}


def test_relative_places_resolve_against_home_city_and_article_district():
    page = Page("a.txt")
    x = page.article()
    fact(x, "我市", "Place", "exhibits_at", "第十六届中国-东北亚博览会", "Event")
    fact(x, "浑江区", "Organization", "organizes", "全区秸秆禁烧工作会议", "Event")
    fact(x, "全区秸秆禁烧工作会议", "Event", "held_in", "区政府", "Place")
    graph = resolve(page.extractions)
    assert ("白山市", "第十六届中国-东北亚博览会") in edges(graph, "exhibits_at")
    assert edges(graph, "held_in") == {("全区秸秆禁烧工作会议", "浑江区政府")}


# -- organisations --------------------------------------------------------------------------------

def test_city_bodies_are_expanded_with_the_home_city():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    for page in (a, b):
        x = page.article()
        fact(x, "市政府", "Organization", "organizes", "招商引资推介会", "Event")
        fact(x, "市委", "Organization", "organizes", "理论学习会", "Event")
        fact(x, "市人大常委会", "Organization", "organizes", "执法检查", "Event")
    graph = resolve(a.extractions + b.extractions)
    orgs = of_type(graph, "Organization")
    assert orgs == sorted(["白山市人民政府", "白山市委", "白山市人大常委会",
                           "松原市人民政府", "松原市委", "松原市人大常委会"])
    party = graph.entities[named(graph, "Organization", "白山市委")[0]]
    assert party.subtype == "PartyBody" and "中共白山市委" in party.aliases
    assert "市委" not in party.aliases


def test_a_body_written_with_or_without_its_city_is_one_body():
    page = Page("a.txt")
    x = page.article()
    for org in ("市政府", "白山市政府", "白山市人民政府", "市委", "中共白山市委", "中共白山市委员会"):
        fact(x, org, "Organization", "organizes", "招商引资推介会", "Event")
    assert of_type(resolve(page.extractions), "Organization") == ["白山市人民政府", "白山市委"]


def test_a_bank_branch_is_part_of_its_bank():
    page = Page("a.txt")
    fact(page.article(), "吉林银行浑江支行", "Organization", "signs_with", "白山长青药业有限公司",
         "Organization")
    graph = resolve(page.extractions)
    assert edges(graph, "part_of") == {("吉林银行浑江支行", "吉林银行")}
    assert graph.entities[named(graph, "Organization", "吉林银行")[0]].subtype == "Bank"


def test_a_units_party_branch_is_part_of_the_unit():
    page = Page("a.txt")
    fact(page.article(), "白山康宁医院党支部", "Organization", "organizes", "义诊活动", "Event")
    graph = resolve(page.extractions)
    assert edges(graph, "part_of") == {("白山康宁医院党支部", "白山康宁医院")}
    assert graph.entities[named(graph, "Organization", "白山康宁医院")[0]].subtype == "Hospital"


def test_signs_with_is_one_fact_whichever_side_is_written_first():
    page = Page("a.txt")
    x = page.article()
    fact(x, "甲公司", "Organization", "signs_with", "乙公司", "Organization")
    fact(page.article(), "乙公司", "Organization", "signs_with", "甲公司", "Organization")
    graph = resolve(page.extractions)
    signed = [f for f in graph.facts.values() if f.p == "signs_with"]
    assert len(signed) == 1 and len(signed[0].evidence) == 2


# -- events ---------------------------------------------------------------------------------------

def test_headline_and_body_names_of_one_meeting_are_one_event_with_date():
    page = Page("a.txt", date=PartialDate(None, 3, 5))
    x = page.article()
    fact(x, "孙立国", "Person", "presides", "市政府2024年第三次常务会议", "Event", o_subtype="Meeting")
    fact(x, "赵文静", "Person", "attends", "2024年第三次常务会议", "Event", o_subtype="Meeting")
    fact(x, "李明华", "Person", "attends", "会议", "Event", o_subtype="Meeting")
    graph = resolve(page.extractions)
    assert of_type(graph, "Event") == ["市政府2024年第三次常务会议"]
    meeting = graph.entities[named(graph, "Event", "市政府2024年第三次常务会议")[0]]
    assert meeting.attrs["date"] == "2024-03-05"


def test_events_of_different_kinds_or_two_candidates_stay_apart():
    page = Page("a.txt")
    x = page.article()
    fact(x, "孙立国", "Person", "attends", "全市人才工作座谈会", "Event", o_subtype="Meeting")
    fact(x, "孙立国", "Person", "attends", "全市企业家座谈会", "Event", o_subtype="Meeting")
    fact(x, "孙立国", "Person", "attends", "座谈会", "Event", o_subtype="Meeting")
    fact(x, "白山市", "Place", "organizes", "人才工作座谈会活动", "Event", o_subtype="Activity")
    assert len(of_type(resolve(page.extractions), "Event")) == 4


def test_year_placement_does_not_split_a_session():
    a, b = Page("a.txt"), Page("b.txt")
    fact(a.article(), "李明华", "Person", "presides", "2024年市委常委会第五次会议", "Event")
    fact(b.article(), "李明华", "Person", "presides", "市委常委会2024年第五次会议", "Event")
    assert len(of_type(resolve(a.extractions + b.extractions), "Event")) == 1


def test_an_edition_is_one_event_across_pages_and_cities():
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    fact(a.article(), "白山市", "Place", "exhibits_at", "第十六届中国-东北亚博览会", "Event")
    fact(b.article(), "松原市", "Place", "exhibits_at", "第十六届中国-东北亚博览会", "Event")
    assert len(of_type(resolve(a.extractions + b.extractions), "Event")) == 1


# -- ids, determinism, provenance -----------------------------------------------------------------

def sample_extractions() -> list[ArticleExtraction]:
    a, b = Page("a.txt", CITY_A), Page("b.txt", CITY_B)
    xa = a.article()
    fact(xa, "市委书记李明华", "Person", "holds_position", "市委书记", "Position")
    fact(xa, "李明华", "Person", "inspects", "白山长青药业有限公司", "Organization")
    fact(xa, "浑江", "Place", "hosts", "新能源电池材料项目", "Project", q={"investment_cny": 1.2e9})
    fact(a.article(), "浑江区", "Place", "hosts", "新能源电池材料项目", "Project",
         q={"investment_cny": 1.2e9})
    person(xa, "周海", role="reporter")
    xb = b.article()
    fact(xb, "孙立国", "Person", "holds_position", "市长", "Position")
    fact(xb, "吉林银行宁江支行", "Organization", "signs_with", "市政府", "Organization")
    return a.extractions + b.extractions


def test_ids_are_stable_ascii_and_do_not_depend_on_input_order():
    extractions = sample_extractions()
    first = resolve(extractions)
    shuffled = extractions[:]
    random.Random(7).shuffle(shuffled)
    from graphbuild.graphio import dumps

    assert dumps(resolve(shuffled)) == dumps(first)
    for id_ in list(first.entities) + list(first.facts):
        assert id_.isascii() and id_ == id_.lower()
    from graphbuild.resolve.ids import entity_id

    assert named(first, "Person", "李明华") == [entity_id("Person", "白山市|李明华")]


def test_facts_from_two_articles_keep_both_evidences_sorted():
    graph = resolve(sample_extractions())
    hosts = [f for f in graph.facts.values() if f.p == "hosts"]
    assert len(hosts) == 1
    articles = [e.article for e in hosts[0].evidence]
    assert articles == sorted(articles) and len(set(articles)) == 2
    assert hosts[0].q == {"investment_cny": 1.2e9}


def test_records_round_trip_through_json_to_the_same_graph():
    from graphbuild.graphio import dumps

    records = [from_json(to_json(from_extraction(x))) for x in sample_extractions()]
    assert dumps(resolve_records(records).graph) == dumps(resolve(sample_extractions()))


def test_report_counts_mentions_and_entities_per_type():
    report = resolve_records(from_extraction(x) for x in sample_extractions()).report
    assert report["types"]["Person"]["entities"] == 3
    assert report["types"]["Person"]["mentions"] > report["types"]["Person"]["entities"]
    assert any(m["name"] == "李明华" and "市委书记李明华" in m["written"] for m in report["merges"])


def test_graph_json_is_the_standard_indented_json_and_loads_back(tmp_path):
    import json
    import math

    from graphbuild.graphio import dumps, graph_to_dict, load_graph, save_graph
    from graphbuild.model import ArticleMeta, Credit, Entity, Graph, GraphFact

    graph = Graph()
    graph.entities["b"] = Entity("b", "Place", "白山市", None, [], {
        "nested": {"z": [1, 2.5, True, None], "a": (), "e": {}}, "nan": math.nan, "big": 10**20,
        "esc": 'quote " back \\ \n \u2028 \x01', "bools": [False, True], "mixed": ["x", 1]})
    graph.entities["a"] = Entity("a", "Person", "李明", "X", ["李"], {})
    ev = Evidence(doc="d", article="d#0", sentence=0, start=1, end=2, text="t", rule="r")
    graph.facts["f"] = GraphFact("f", "a", "attends", "b", {"date": "2019"}, [ev, ev])
    graph.facts["g"] = GraphFact("g", "b", "located_in", "a")
    graph.articles["d#0"] = ArticleMeta("d#0", "d", "", "article", None, "", (0, 5),
                                        [Credit("周", "reporter", True, (1, 2))], ["a", "b"])
    expected = json.dumps(graph_to_dict(graph), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert dumps(graph) == expected
    assert dumps(Graph()) == json.dumps(graph_to_dict(Graph()), sort_keys=True, indent=1) + "\n"
    # lists of several records take a column-at-a-time path: mixed and nested columns too
    odd = Evidence(doc="d", article="d#0", sentence=True, start=1.5, end=None, text="\n\"", rule=["r", 2])
    graph.facts["h"] = GraphFact("h", "a", "attends", "b", evidence=[ev, odd, ev])
    graph.articles["d#0"].credits.append(Credit("王", "editor", False, (3, 4)))
    expected = json.dumps(graph_to_dict(graph), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert dumps(graph) == expected
    path = save_graph(graph, tmp_path / "graph.json")
    assert path.read_text(encoding="utf-8") == expected
    del graph.entities["b"].attrs["nan"]  # NaN != NaN: compare the rest
    loaded = load_graph(save_graph(graph, tmp_path / "graph.json"))
    assert dumps(loaded) == dumps(graph)


def test_record_lines_are_sorted_key_json_of_the_fields_and_read_back():
    import json

    from graphbuild.graphio import plain

    for record in (from_extraction(x) for x in sample_extractions()):
        if record.facts:
            record.facts[0].q.update({"z": [1, 2.5], "a": None})
        line = to_json(record)
        data = {"meta": plain(record.meta), "facts": [plain(f) for f in record.facts],
                "entities": [plain(e) for e in record.entities]}
        assert line == json.dumps(data, ensure_ascii=False, sort_keys=True)
        assert from_json(line) == record


def test_qualifiers_of_every_sighting_merge_as_they_come():
    """A fact seen on many pages keeps the largest investment, the first date and the last one."""
    from graphbuild.resolve.resolver import QMerge

    first, second = QMerge(), QMerge()
    for q in ({"investment_cny": 5e8, "date": "2019-08-29"}, {"investment_cny": 1.2e9, "date": "2019-08-01"}):
        first.add(q)
    second.add({"date": "2019-09-03", "count": 3})
    second.add({"count": "三"})  # a count left as text: the whole key falls back to text
    first.absorb(second)
    assert first.result() == {"count": "3", "date": "2019-08-01", "investment_cny": 1.2e9,
                              "last_date": "2019-09-03"}
