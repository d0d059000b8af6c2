"""Organisations: bodies named relative to the page's city or district, and branches of a parent.

市政府 on a 四平 page is 四平市人民政府 (alias 市政府 is not kept: it names a different body on every
page); 市委 is 四平市委 with alias 中共四平市委; any other 市X (市发改局, 市中心人民医院) becomes
四平市X. 区X/县X expand with the article's district when it is clear. A branch (吉林银行铁东支行)
is part_of its parent (吉林银行).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from graphbuild.resolve import gazetteer
from graphbuild.resolve.scope import PROVINCE, Scope

RELATIVE = re.compile(r"^(市|区|县|省)(?!场|区|域|民|容|长|级|里|内|外|属|直)(.+)$")
BRANCH = re.compile(r"^(.+?(?:银行|集团|公司|保险|证券))(.+?)(支行|分行|分公司|营业部|子公司|分理处)$")
# A unit's own party or union branch: 双辽福康医院党支部 is part of 双辽福康医院.
UNIT_BRANCH = re.compile(r"^(.{2,}?(?:医院|公司|集团|学校|大学|学院|中学|小学|银行|局|中心|协会|合作社))"
                         r"(?:党支部|党总支|党委|工会|团委|团支部)$")
PARTY_COMMITTEE = re.compile(r"^中共(.{2,}?[省市县区州旗])(?:委员会|委)$")
GOVERNMENT = re.compile(r"^(.{2,}?[省市县区州旗])政府$")
ANCHORS = ("中共", "中国", "国家", "国网", PROVINCE)
REGISTERED = ("公司", "集团", "银行", "大学", "学院")
SUBTYPES: tuple[tuple[str, str], ...] = (
    ("支行", "Bank"), ("分行", "Bank"), ("银行", "Bank"), ("信用社", "Bank"),
    ("党工委", "PartyBody"), ("党委", "PartyBody"), ("党组", "PartyBody"), ("党支部", "PartyBody"),
    ("支部", "PartyBody"), ("组织部", "PartyBody"), ("宣传部", "PartyBody"), ("统战部", "PartyBody"),
    ("政法委", "PartyBody"), ("纪委", "PartyBody"), ("市委", "PartyBody"), ("区委", "PartyBody"),
    ("县委", "PartyBody"), ("省委", "PartyBody"),
    ("人民政府", "GovernmentBody"), ("政府", "GovernmentBody"), ("管委会", "GovernmentBody"),
    ("人大常委会", "GovernmentBody"), ("政协", "GovernmentBody"), ("局", "GovernmentBody"),
    ("厅", "GovernmentBody"), ("办公室", "GovernmentBody"), ("委员会", "GovernmentBody"),
    ("大队", "GovernmentBody"), ("支队", "GovernmentBody"), ("派出所", "GovernmentBody"),
    ("医院", "Hospital"), ("卫生院", "Hospital"), ("卫生服务中心", "Hospital"),
    ("大学", "School"), ("学院", "School"), ("中学", "School"), ("小学", "School"),
    ("学校", "School"), ("幼儿园", "School"), ("合作社", "Cooperative"),
    ("协会", "Association"), ("商会", "Association"), ("学会", "Association"),
    ("联合会", "Association"), ("公司", "Enterprise"), ("集团", "Enterprise"), ("厂", "Enterprise"),
    ("研究院", "Unit"), ("中心", "Unit"),
)


@dataclass(frozen=True, slots=True)
class OrgName:
    name: str
    subtype: str
    key: str
    aliases: tuple[str, ...] = field(default=())
    parent: str | None = None  # part_of, for branches
    seat: str | None = None  # the city or district a relative name was expanded with


def resolve_org(surface: str, scope: Scope, subtype: str | None = None,
                written: Collection[str] = ()) -> OrgName:
    """`written`: every organisation name the pages wrote, for abbreviated-prefix variants."""
    name, seat = expand(surface.strip(), scope)
    name = _full_prefix_variant(official_name(name), written)
    match = BRANCH.match(name) or UNIT_BRANCH.match(name)
    return OrgName(name, subtype or org_subtype(name), org_key(name, scope), _aliases(name),
                   match.group(1) if match else None, seat)


def org_key(name: str, scope: Scope) -> str:
    """Names anchored by a place (伊通县人社局) or a registered form (吉林银行) are the same body
    on any page; others (经济开发区管委会, 宏宝莱) are keyed by the page's city."""
    anchored = gazetteer.prefix_of(name) or name.startswith(ANCHORS) or name.endswith(REGISTERED)
    return name if anchored else f"{scope.city_key}|{name}"


def _full_prefix_variant(name: str, written: Collection[str]) -> str:
    """伊通人社局 -> 伊通满族自治县人社局, when the pages also wrote the full form."""
    prefix = gazetteer.prefix_of(name)
    full = gazetteer.canonical(prefix) if prefix else None
    if prefix and full and full != prefix and full + name[len(prefix):] in written:
        return full + name[len(prefix):]
    return name


def expand(name: str, scope: Scope) -> tuple[str, str | None]:
    """Attach the page's city (or district) to a body written relative to it; (name, owner)."""
    match = RELATIVE.match(name)
    if not match:
        return name, None
    level, rest = match.groups()
    owner = {"市": scope.city, "省": PROVINCE}.get(level, scope.district)
    if not owner or (level != "市" and not owner.endswith(level)):
        return name, None
    return _body(owner, rest), owner


def _body(owner: str, rest: str) -> str:
    if rest == "政府":
        return f"{owner}人民政府"
    return f"{owner}{rest}"


def _aliases(name: str) -> tuple[str, ...]:
    """中共四平市委 for 四平市委 (and the reverse), 四平市政府 for 四平市人民政府."""
    if name.startswith("中共") and name.endswith("委"):
        return (name[2:],)
    if name.endswith(("市委", "区委", "县委", "省委")):
        return (f"中共{name}",)
    if name.endswith("人民政府"):
        return (name[:-4] + "政府",)
    return ()


def official_name(name: str) -> str:
    """中共四平市委员会 / 中共四平市委 -> 四平市委; 四平市政府 -> 四平市人民政府."""
    if match := PARTY_COMMITTEE.match(name):
        return f"{match.group(1)}委"
    if match := GOVERNMENT.match(name):
        return f"{match.group(1)}人民政府"
    return name


def org_subtype(name: str) -> str:
    for suffix, subtype in SUBTYPES:
        if name.endswith(suffix):
            return subtype
    return "Unit"
