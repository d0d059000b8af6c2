"""Posts: a position as written (市委书记, 副市长) becomes a first-class Post of a named body.

Post name = the body's full name plus the title: 市委书记 -> 四平市委书记, 市长 -> 四平市长,
副市长 -> 辽源市副市长, 中共四平市委书记 -> 四平市委书记; 红开区党工委书记 stays as written.
The post is `post_in` its organisation (四平市委, 四平市人民政府), so who held 市长 of 四平市 over
time is one query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.lexicon import titles
from graphbuild.resolve import gazetteer, places
from graphbuild.resolve.orgs import OrgName, resolve_org
from graphbuild.resolve.scope import PROVINCE, Scope

# Heads that imply their body when written bare: 副市长 is of the city government.
BARE_HEAD_BODY = {"市长": "市政府", "区长": "区政府", "县长": "县政府", "省长": "省政府"}
BARE_HEAD = re.compile(r"^(?:常务)?副?(市长|区长|县长|省长)(?:助理)?$")
# Titles that name one office in the country: the same post on any page (主任 or 副书记 do not).
NATIONAL = frozenset({"总书记", "国家主席", "国务院总理", "全国人大常委会委员长", "全国政协主席"})
PLACE_HEAD = re.compile(r"^(.+?)((?:常务)?副?[市区县省]长(?:助理)?)$")  # 四平 + 市长


@dataclass(frozen=True, slots=True)
class PostName:
    name: str
    title: str
    key: str
    org: OrgName | None


def resolve_post(surface: str, scope: Scope) -> PostName:
    written = surface.strip()
    org_text, title = split_title(written)
    if not org_text and (place_head := PLACE_HEAD.match(written)):
        place = gazetteer.canonical(place_head.group(1))
        if place:  # 四平市长: the head of 四平市's government
            org_text, title = place + "政府", place_head.group(2)
    bare = BARE_HEAD.match(title)
    implied = bare is not None and not org_text
    if implied:
        org_text = BARE_HEAD_BODY[bare.group(1)]  # 副市长: of the 市政府
    elif bare and places.is_division(org_text):
        org_text += "政府"  # 辽源市副市长: of 辽源市(人民)政府
    org = resolve_org(org_text, scope) if org_text else None
    if implied and org is not None and not org.seat:
        org = None  # 区长 on a page whose district is unclear: no body to name
    name = _post_name(written, title, org)
    anchored = name in NATIONAL or gazetteer.prefix_of(name) or name.startswith(PROVINCE)
    return PostName(name, title, name if anchored else f"{scope.city_key}|{name}", org)


def split_title(position: str) -> tuple[str, str]:
    """(organisation as written, title head): 市人大常委会副主任 -> (市人大常委会, 副主任)."""
    for start in range(len(position) - 1, -1, -1):
        head = position[start:]
        if head in titles.title_heads():
            prefix = position[:start]
            if not prefix or (titles.is_org_prefix(prefix) and not _ownerless(prefix)):
                return prefix, head
    return "", position


def _ownerless(prefix: str) -> bool:
    """党组 in 党组书记 names no body by itself (市委 does: the page's city's)."""
    return prefix in titles.org_words() and not prefix.startswith(("市", "区", "县", "省"))


def _post_name(written: str, title: str, org: OrgName | None) -> str:
    """The body's name plus the title: 四平市委 + 书记, 辽源市 + 副市长; 四平市 + 市长 -> 四平市长."""
    if org is None:
        return written
    owner = org.name
    if BARE_HEAD.match(title):
        owner = owner.removesuffix("人民政府")  # the head of 四平市人民政府 is 四平市长
        if title[0] in "市省" and owner.endswith(title[0]):
            owner = owner[:-1]
    return owner + title
