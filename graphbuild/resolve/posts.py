"""Posts: a position as written (市委书记, 副市长) becomes a first-class Post of a named body.

Post name = the title written against the page's city: 市委书记 -> 四平市委书记, 市长 -> 四平市长,
副市长 -> 辽源市副市长; a title that names its own body (红开区党工委书记) is kept as written.
The post is `post_in` its organisation (四平市委, 四平市人民政府), so who held 市长 of 四平市 over
time is one query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.lexicon import titles
from graphbuild.resolve.orgs import OrgName, resolve_org
from graphbuild.resolve.scope import Scope

# Heads that imply their body when written bare: 副市长 is of the city government.
BARE_HEAD_BODY = {"市长": "市政府", "区长": "区政府", "县长": "县政府", "省长": "省政府"}
BARE_HEAD = re.compile(r"^(?:常务)?副?(市长|区长|县长|省长)(?:助理)?$")


@dataclass(frozen=True, slots=True)
class PostName:
    name: str
    title: str
    key: str
    org: OrgName | None


def resolve_post(surface: str, scope: Scope) -> PostName:
    written = surface.strip()
    org_text, title = split_title(written)
    if not org_text:
        bare = BARE_HEAD.match(title)
        org_text = BARE_HEAD_BODY[bare.group(1)] if bare else ""
    org = resolve_org(org_text, scope) if org_text else None
    name = _post_name(written, org_text, org, scope)
    anchored = org is not None and org.name != org_text  # expanded with a place: unique already
    key = name if anchored or org is None else f"{scope.city_key}|{name}"
    return PostName(name, title, key, org)


def split_title(position: str) -> tuple[str, str]:
    """(organisation as written, title head): 市人大常委会副主任 -> (市人大常委会, 副主任)."""
    for start in range(len(position) - 1, -1, -1):
        head = position[start:]
        if head in titles.title_heads():
            prefix = position[:start]
            if not prefix or titles.is_org_prefix(prefix):
                return prefix, head
    return "", position


def _post_name(written: str, org_text: str, org: OrgName | None, scope: Scope) -> str:
    """Prefix the page's city to titles written relative to it, never doubling 市."""
    if org is None or org.name == org_text or not scope.city:
        return written
    if org_text and written.startswith(org_text):
        return org.name.removesuffix("人民政府") + written[len(org_text):]
    if written.startswith("市") and scope.city_short:
        return scope.city_short + written  # 市长 -> 四平市长
    owner = org.name.removesuffix("人民政府")
    return owner + written  # 副市长 -> 辽源市副市长
