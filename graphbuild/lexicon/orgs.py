"""Generic name endings of organisations and places, and the words that end a subject.

Nothing here names a particular organisation: only the suffixes that make a string a name
(…有限公司, …社区) and the closed-class words that follow a name in house-style sentences.
"""

from __future__ import annotations

import re

from graphbuild.lexicon.divisions import trie_pattern

# Place endings with their subtype and administrative level (lower = larger). Longest first.
PLACE_SUFFIXES: dict[str, tuple[str, int]] = {
    "特别行政区": ("Province", 1), "自治区": ("Province", 1), "省": ("Province", 1),
    "自治州": ("City", 2), "市": ("City", 2),
    "自治县": ("County", 3), "县": ("County", 3), "区": ("District", 3), "旗": ("County", 3),
    "经济开发区": ("DevelopmentZone", 3), "经济技术开发区": ("DevelopmentZone", 3),
    "高新技术产业开发区": ("DevelopmentZone", 3), "开发区": ("DevelopmentZone", 3),
    "高新区": ("DevelopmentZone", 3), "新区": ("DevelopmentZone", 3), "片区": ("DevelopmentZone", 4),
    "镇": ("Town", 4), "乡": ("Town", 4), "街道": ("Street", 4), "街": ("Street", 4),
    "社区": ("Community", 5), "村": ("Community", 5), "嘎查": ("Community", 5),
    "园区": ("Park", 4), "产业园": ("Park", 4), "工业园": ("Park", 4), "科技园": ("Park", 4),
    "示范区": ("DevelopmentZone", 3), "合作区": ("DevelopmentZone", 3), "试验区": ("DevelopmentZone", 3),
    "保护区": ("Park", 4),
}

# Organisation endings with their subtype. Longest first when matched.
ORG_SUFFIXES: dict[str, str] = {
    "股份有限公司": "Enterprise", "有限责任公司": "Enterprise", "有限公司": "Enterprise",
    "集团": "Enterprise", "公司": "Enterprise", "厂": "Enterprise", "总部": "Enterprise",
    "专业合作社": "Cooperative", "合作社": "Cooperative", "合作联社": "Bank",
    "银行": "Bank", "支行": "Bank", "分行": "Bank", "信用社": "Bank",
    "医院": "Hospital", "中医院": "Hospital", "卫生院": "Hospital", "福利院": "Unit",
    "大学": "School", "学院": "School", "中学": "School", "小学": "School", "学校": "School",
    "党校": "School", "幼儿园": "School",
    "工会": "Association", "总工会": "Association", "妇联": "Association", "团委": "PartyBody",
    "科协": "Association", "工商联": "Association", "政协": "PartyBody",
    "文联": "Association", "侨联": "Association", "残联": "Association",
    "红十字会": "Association", "协会": "Association", "商会": "Association", "学会": "Association",
    "联合会": "Association",
    "研究院": "Unit", "研究所": "Unit", "中心": "Unit", "基地": "Unit", "站": "Unit",
    "实践站": "Unit", "实践所": "Unit", "文化馆": "Unit", "图书馆": "Unit", "博物馆": "Unit",
    "艺术馆": "Unit", "美术馆": "Unit", "纪念馆": "Unit", "科技馆": "Unit", "档案馆": "Unit",
    "派出所": "GovernmentBody", "大队": "GovernmentBody", "支队": "GovernmentBody",
    "局": "GovernmentBody", "厅": "GovernmentBody", "委员会": "GovernmentBody",
    "管委会": "GovernmentBody", "办公室": "GovernmentBody", "领导小组": "GovernmentBody",
    "人民政府": "GovernmentBody", "政府": "GovernmentBody", "法院": "GovernmentBody",
    "检察院": "GovernmentBody", "院": "Unit", "督查室": "GovernmentBody", "部门": "GovernmentBody",
    "办": "GovernmentBody", "委": "GovernmentBody",
    "党委": "PartyBody", "党工委": "PartyBody", "党支部": "PartyBody", "党总支": "PartyBody",
    "组织部": "PartyBody", "宣传部": "PartyBody", "统战部": "PartyBody", "纪委": "PartyBody",
    "常委会": "PartyBody", "中心组": "PartyBody", "工作组": "GovernmentBody", "指挥部": "GovernmentBody",
    "工作专班": "GovernmentBody", "事务所": "Enterprise", "司法所": "GovernmentBody",
    "财政所": "GovernmentBody", "供电所": "Enterprise", "中队": "GovernmentBody", "艺术团": "Association",
    "电视台": "Unit", "广播电视台": "Unit", "报社": "Unit", "日报社": "Unit", "海关": "GovernmentBody",
    "办事处": "GovernmentBody", "促进会": "Association", "基金会": "Association", "研究会": "Association",
    "俱乐部": "Association", "理事会": "Association", "董事会": "Enterprise", "农场": "Enterprise",
    "林场": "Unit", "牧场": "Enterprise", "家庭农场": "Enterprise",
    "部": "GovernmentBody",  # ministries (商务部, 教育部); see _NOT_A_BODY_BU_RE
}
# …部 that names a part or a people, not a body: 东部, 内部, 干部, 全部, 总部.
_NOT_A_BODY_BU_RE = re.compile(r"[干东西南北中内外局全头腹总上下前后底顶本各]部$")

# Endings too generic to make a name on their own: they need a place or name in front.
WEAK_ORG_SUFFIXES = frozenset({"部门", "中心", "站", "办", "委", "总部", "基地", "厂", "公司", "院"})

# Areas named by kind, not by name (辖区, 城区); …辖区 and …市区 end no place name either.
GENERIC_AREAS = frozenset({"辖区", "城区", "市区", "郊区", "景区", "校区", "小区", "矿区", "山区", "牧区",
                           "林区", "库区", "老区", "街区", "农村", "乡村", "城乡", "乡镇"})
GENERIC_AREA_ENDS = ("辖区", "市区")

# Generic heads that are never a name however they are prefixed (各部门, 相关部门, 有关单位).
# Words before a name that say where, not which: 辖区光明派出所 → 光明派出所.
LOCAL_PREFIX_RE = re.compile(r"^(?:辖区内?|区内|当地|本地|属地)")
GENERIC_PREFIXES = ("各", "相关", "有关", "其他", "多个", "全体", "所有", "该", "本", "此", "各级", "全")

# Words that end a clause-initial subject: what follows a name in "X召开…", "X联合Y开展…".
SUBJECT_STOPS = (
    "召开", "开展", "举办", "举行", "组织", "主办", "承办", "具体", "联合", "会同", "携手", "邀请", "依托",
    "围绕", "结合", "积极", "扎实", "认真", "深入", "全面", "共同", "精选", "立足", "聚焦", "坚持",
    "持续", "不断", "大力", "切实", "着力", "充分", "进一步", "在", "于", "将", "要", "还", "也",
    "及", "和", "与", "、", "为", "对", "把", "以", "按照", "根据", "通过", "针对", "推进", "推动",
    "启动", "成功", "日前", "近日", "近期", "正式", "首次", "再次", "主动", "高度", "集中", "先后",
    "到", "赴", "前往", "来到", "走进", "参加", "出席", "签订", "签署", "与会", "发挥", "作为",
    "组建", "成立", "打造", "投资", "携", "携带", "亮相", "代表", "负责", "等", "计划", "拟",
    "实施", "落实", "制定", "印发", "召集", "抽调", "派出", "牵头", "此次", "本次", "带来", "展出", "展示",
    "的", "是", "已", "均", "都", "又", "就", "即", "再", "先", "并", "共", "累计", "各项",
)
# Stop words never found inside a name: past one of them the clause has left its subject.
HARD_STOPS = frozenset({
    "召开", "开展", "举办", "举行", "主办", "承办", "邀请", "参加", "出席", "签订", "签署", "与会", "代表",
    "负责", "携带", "亮相", "来到", "走进", "前往", "积极", "认真", "扎实", "切实", "着力", "大力", "进一步",
})
# A number also ends a subject: 我市54家经营主体 → 我市. The longest stop word wins where several
# start together. One trie with the digits as words, far faster to scan than a flat alternation
# (or than a trie plus a character class, which stops re from skipping to candidate characters).
SUBJECT_STOP_RE = re.compile(trie_pattern([*SUBJECT_STOPS, *"0123456789０１２３４５６７８９"]))

# Coordinators between co-subjects: "A联合B开展", "A和B共同举办".
CO_SUBJECT_RE = re.compile(r"(?:联合|会同|携手|及|和|与|、)")

_ORG_ALT = "|".join(sorted(map(re.escape, ORG_SUFFIXES), key=len, reverse=True))
_PLACE_ALT = "|".join(sorted(map(re.escape, PLACE_SUFFIXES), key=len, reverse=True))
ORG_END_RE = re.compile(f"(?:{_ORG_ALT})$")
# Multi-character organisation endings that begin with a word also used as a verb (组织部).
ORG_START_RE = re.compile("|".join(sorted((re.escape(s) for s in ORG_SUFFIXES if len(s) > 2),
                                          key=len, reverse=True)))
PLACE_END_RE = re.compile(f"(?:{_PLACE_ALT})$")


def _longest_suffix(name: str, suffixes: dict, lengths: tuple[int, ...]) -> str:
    """The longest of `suffixes` that `name` ends with, or "": what `ORG_END_RE.search(name)`
    (or PLACE_END_RE's) matches, by slicing instead of trying the alternation at every position.
    Like `$`, a final newline is passed over."""
    base = name[:-1] if name.endswith("\n") else name
    for length in lengths:
        if base[-length:] in suffixes:
            return base[-length:]
    return ""


_ORG_SUFFIX_LENGTHS = tuple(sorted({len(s) for s in ORG_SUFFIXES}, reverse=True))
_PLACE_SUFFIX_LENGTHS = tuple(sorted({len(s) for s in PLACE_SUFFIXES}, reverse=True))


def name_type(name: str) -> tuple[str, str | None] | None:
    """('Organization'|'Place', subtype) when `name` ends like one, else None."""
    if name in GENERIC_AREAS or name.startswith(GENERIC_PREFIXES) or name.endswith(GENERIC_AREA_ENDS):
        return None
    org = _longest_suffix(name, ORG_SUFFIXES, _ORG_SUFFIX_LENGTHS)
    place = _longest_suffix(name, PLACE_SUFFIXES, _PLACE_SUFFIX_LENGTHS)
    # The longer ending decides: 经济开发区 (place) vs 区; 平川县中医院 (org) vs 县.
    if not org and not place:
        return None
    if len(org) >= len(place):
        suffix = org
        if len(name) <= len(suffix) or (suffix in WEAK_ORG_SUFFIXES and len(name) < len(suffix) + 3):
            return None
        if suffix == "部" and (len(name) < 3 or _NOT_A_BODY_BU_RE.search(name)):
            return None
        return "Organization", ORG_SUFFIXES[suffix]
    suffix = place
    if len(name) <= len(suffix) or (len(suffix) == 1 and len(name) < 3):
        return None
    return "Place", PLACE_SUFFIXES[suffix][0]


def place_level(name: str) -> int | None:
    suffix = _longest_suffix(name, PLACE_SUFFIXES, _PLACE_SUFFIX_LENGTHS)
    return PLACE_SUFFIXES[suffix][1] if suffix else None
