"""Person names in running text: Chinese names (2–4 characters, compound surnames) and
transliterated foreign or minority-language names (阿卡诺夫, 哈桑·阿卜杜拉·萨利赫).

Signals, combined:
  * rjieba's person tags (nr, nrfg, nrt) — good recall but noisy: jieba's dictionary tags common
    words nr (文明, 宣传单), so a tagged word must look like a name, and dictionary words need
    context as well;
  * context that only a person fills: right after an official title or a role (市长孙立平,
    记者周文斌), in a list with another name (副市长赵晓红、钱立新、孙海波), before 同志/表示/指出/说 …;
  * a surname lexicon, to rebuild names that jieba split (汤/艳, 副市|长江|建平), and a
    transliteration character set for foreign names, which jieba cuts into pieces.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from importlib.util import find_spec
from itertools import accumulate, compress, count
from operator import itemgetter
from pathlib import Path

import rjieba

from graphbuild.lexicon.divisions import load_gazetteer, trie_pattern
from graphbuild.lexicon.surnames import (
    foreign_places,
    surname_initials,
    surname_length,
    translit_chars,
)
from graphbuild.lexicon.titles import (
    head_before,
    head_pattern,
    heads_ending_at,
    role_words,
    title_heads,
)

Span = tuple[str, int, int]
Token = tuple[str, str]  # (word, tag) as rjieba gives them; starts: see token_starts

_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
_PLACE_TAGS = frozenset({"ns", "nt"})
_PROPER_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
_JOINERS = frozenset("·•．-—－")  # between the parts of a transliterated name
_JOINER_RE = re.compile("|".join(map(re.escape, sorted(_JOINERS))))
_DOTS = frozenset("·•．")  # joiners that only names use (dashes also join place names)
# Verbs and words that, following a name, show it is a person's.
_SPEECH_VERBS = [
    "同志", "表示", "指出", "强调", "主持", "说", "讲话", "致辞", "发言", "出席", "参加", "陪同",
    "会见", "会晤", "看望", "慰问", "调研", "考察", "视察", "带队", "率队", "率领", "一行",
    "宣布", "介绍", "列席", "回答", "听取", "签署", "见证", "认为", "说明", "提出", "告诉", "询问",
    "答", "先生", "女士", "夫人", "许诺", "说道", "写道", "答道", "发表", "向记者", "报道", "摄",
    "上将", "中将", "少将", "大校", "上校", "理论", "思想", "邀请",
]
_SPEECH_SET = frozenset(_SPEECH_VERBS)
_HONORIFICS = ("同志", "先生", "女士")  # only people take these
# Further words a name may end before (a name ends where one of these begins).
_AFTER_NAME = [
    *_SPEECH_VERBS,
    "等", "和", "与", "及", "同", "在", "到", "赴", "前往", "深入", "对", "向", "为", "就", "也",
    "还", "都", "又", "均", "分别", "一起", "共同", "先后", "要求", "希望", "代表", "作", "做",
    "是", "的", "则", "并", "以", "从", "曾", "已", "亦", "率", "问", "主持人", "被", "把", "将",
    "获", "荣获", "当选", "本报", "上任", "通报", "汇报", "部署", "传达", "解读", "宣读", "点评",
    "总结", "布置", "安排", "带领", "走访", "检查", "督导", "督查", "调度", "召集", "召开", "接见",
    "观看", "参观", "巡视", "颁发", "揭牌", "剪彩", "作报告", "批示", "寄语", "感谢", "欢迎",
    "今天", "昨天", "明天", "日前", "近日", "最近", "目前",
    "当天", "上午", "下午", "晚上", "一再", "首先", "亲自", "随后", "再次", "专门", "立即",
]
# Characters that never occur in given names; guards names found by context alone.
_NOT_GIVEN = frozenset(
    "的了在是和与及等说对为把被从向就也还都又而但或之其这那个们里上下内外后前去到着过"
    "市县区省镇乡村局委部办厅处所院站队街路号时分亿名位次种项件条户性"
    "书记长主任员席理总副常务第讲制"
)
# Characters that do not occur in given names even when jieba tags the word a name.
_NEVER_GIVEN = frozenset(
    "的了在是和与及等对为把被从向就也还都这那们里着过市县区省乡村局厅街路号委部爷奶婶嫂姥制")
# Surnames that are also function words: 向 + 全国 is "to the nation", 来京 "come to Beijing".
_FUNCTION_SURNAMES = frozenset("向于全都来时应曾祝由但区")
# Last characters that make a name-shaped word a settlement (万良镇, 李家屯), never a person.
_SETTLEMENT_ENDINGS = frozenset("镇屯旗寨")
_COMMON_FREQ = 20  # jieba dictionary frequency from which a two-character word is ordinary
_NOUN_FREQ = 100  # … and from which a common noun is no given name (高素质, 练内功)
_NOUN_TAGS = frozenset({"n", "vn", "an", "ng"})
# Last characters of place names (张家口, 王家屯, 陆家嘴): a name jieba knows ending so is a place.
_PLACE_ENDINGS = frozenset("口嘴井庄屯村沟湾堡旗镇乡县区路街桥河山港岭营寨坝店铺集坨洼")
_OPEN_QUOTES = frozenset("“‘\"'《「『")
_CLOSE_QUOTES = frozenset("”’\"'》」』")
_NUMERAL_UNITS = frozenset("万亿千百十一二三四五六七八九两几多数")
# A transliteration followed by one of these names a place, a people or a ship (库尔德难民).
_NOT_PERSON_AFTER = re.compile(r"号|地区|公路|大街|难民|人|族|语|河|山|湖|海|岛|港|城|州|省|市|县|村|"
                               r"镇|区|湾|峰|路|街|火山|公司|集团|大学|王国|共和国|联邦|教|派|党|"
                               r"饭店|酒店|宾馆|大厦|广场|大饭店")
# What makes the name-shaped word before it a brand, a firm or an event: 金达莱文化旅游节.
_BRAND_AFTER = re.compile(r"集团|公司|股份|药业|酒业|实业|牌|杯|文化节|文化旅游节|旅游节|艺术节|"
                          r"大街|广场|大厦|酒店|宾馆|饭店|山庄|超市|商场|"
                          r"乡|镇|村|屯|街道|社区|小区")  # 来到姜家店乡: a settlement
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_PUNCT = re.compile(r"[\s0-9，。、；：！？,.;:!?（）()“”\"'‘’《》〈〉【】\[\]…]")


def find_persons(text: str, tokens: list[Token] | None = None) -> list[Span]:
    """Person names with [start, end) offsets into text, in text order, non-overlapping.
    `tokens` (from `tokenize(text)`) saves cutting the text again."""
    tokens = tokenize(text) if tokens is None else tokens
    named = list(compress(count(), map(_NAME_TAGS.__contains__, map(itemgetter(1), tokens))))
    spans = _tagged_names(text, tokens, named) + _titled_names(text, tokens) + \
        _cued_names(text, tokens) + _bracketed_names(text, tokens)
    spans += _listed_names(text, tokens, named, spans) + _translit_names(text, tokens)
    spans = [_with_he_ending(text, span) for span in spans]
    return _without_overlaps([span for span in spans if _plausible_span(text, span[1], span[2])])


def _with_he_ending(text: str, span: Span) -> Span:
    """A two-character name followed by 和 with nothing for it to join is a three-character
    name ending in 和, as Mongolian names often do: 副市长包恩和参加, not 包恩 + 和."""
    name, start, end = span
    if end - start == 2 and text[end:end + 1] == "和" and surname_length(name) \
            and _nothing_joined_at(text, end + 1):
        return name + "和", start, end + 1
    return span


def _nothing_joined_at(text: str, pos: int) -> bool:
    """Whether a 和 ending at pos has nothing to join: the text ends, or punctuation or a
    verb that follows names (but not 同志: 和同志们) comes next."""
    return pos >= len(text) or bool(_PUNCT.match(text, pos)) or (
        speech_follows(text, pos) and not text.startswith(_HONORIFICS, pos))


def _he_name_end(text: str, start: int) -> int:
    """End of a name ending in 和 (孟和, 包恩和) that starts at `start` when nothing follows
    for 和 to join (副县长孟和参加, 苏和、包恩和、), or -1."""
    surname = surname_length(text, start)
    for end in (start + surname + 1, start + surname + 2):
        if surname and text[end - 1:end] == "和" and _nothing_joined_at(text, end) and \
                (end - start == surname + 1 or is_chinese_name(text[start:end - 1])):
            return end
    return -1


def tokenize(text: str) -> list[Token]:
    """(word, tag) pairs from rjieba.tag, kept as they come; `token_starts` gives where each
    starts (a parallel list: no third tuple per token to build)."""
    tokens = rjieba.tag(text)
    token_starts(tokens)  # every finder bisects them
    return tokens


@cache
def _jieba_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """From jieba's dictionary: the words it tags nr (some names, mostly common words such as
    文明 and 宣传单), the frequent two-character words of other kinds, and among those the
    frequent common nouns (素质, 水平: no given name)."""
    names, common, nouns = set(), set(), set()
    # The file's place, without importing jieba itself (which loads its HMM tables: ~0.08 s).
    path = Path(find_spec("jieba").origin).resolve().parent / "dict.txt"
    with path.open(encoding="utf-8") as fh:
        for word, freq, tag in map(str.split, fh):
            if tag in _NAME_TAGS and 2 <= len(word) <= 4:
                names.add(word)
            elif len(word) == 2 and int(freq) >= _COMMON_FREQ and tag not in _PROPER_TAGS:
                common.add(word)
                if tag in _NOUN_TAGS and int(freq) >= _NOUN_FREQ:
                    nouns.add(word)
    return frozenset(names), frozenset(common), frozenset(nouns)


@cache
def division_names() -> frozenset[str]:
    """Every Jilin division name and short form of the gazetteer (梅河口, 汪清, 前郭县)."""
    return frozenset(form for d in load_gazetteer() for form in (d.name, *d.aliases)
                     if len(form) >= 2)


def is_known_word(word: str) -> bool:
    """Whether jieba's dictionary holds the word as a name or a frequent two-character word."""
    return word in _common_words() or word in _dictionary_names()


def _dictionary_names() -> frozenset[str]:
    return _jieba_words()[0]


def _common_words() -> frozenset[str]:
    return _jieba_words()[1]


def _common_nouns() -> frozenset[str]:
    return _jieba_words()[2]


# ---------------------------------------------------------------------------------------------
# What a name looks like, and where one may end
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def is_chinese_name(word: str, banned: frozenset[str] = _NOT_GIVEN) -> bool:
    """Surname + one or two given-name characters (compound surnames count as one), the given
    name not being a verb that follows names (时强调 is 时 + 强调) nor a title (周总理)."""
    surname = surname_length(word)
    given = word[surname:]
    return bool(surname) and 1 <= len(given) <= 2 and not set(given) & banned and \
        given[-1] not in _SETTLEMENT_ENDINGS and \
        bool(_CJK.fullmatch(given)) and given not in _SPEECH_SET and not set(given) & _SPEECH_SET \
        and given not in title_heads() and given not in role_words()


def is_translit(word: str) -> bool:
    """A transliterated name part: every character from the transliteration set."""
    return bool(word) and all(c in translit_chars() for c in word)


@cache
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, the longest where several start together (a trie: fast to scan)."""
    return re.compile(trie_pattern(words))


@cache
def _speech_pattern() -> re.Pattern[str]:
    return _word_pattern(tuple(_SPEECH_VERBS))


@cache
def _after_name_pattern() -> re.Pattern[str]:
    return _word_pattern(tuple(_AFTER_NAME))


def ends_name(text: str, pos: int, words: list[str] = _AFTER_NAME) -> bool:
    """Whether a name may end at pos: end of text, punctuation, or a word that follows names."""
    if pos >= len(text) or _PUNCT.match(text, pos):
        return True
    if not words:
        return False  # (an empty alternation would match anywhere)
    pattern = _after_name_pattern() if words is _AFTER_NAME else _word_pattern(tuple(words))
    return bool(pattern.match(text, pos))


def speech_follows(text: str, pos: int) -> bool:
    """A speech verb or 同志/先生 at pos: 阿卡诺夫说, 王建新同志."""
    return bool(_speech_pattern().match(text, pos))


def title_follows(text: str, pos: int) -> bool:
    """An official title at pos: 林志强市长, 周立群书记."""
    return bool(head_pattern().match(text, pos))


def starts_place(text: str, pos: int) -> bool:
    """Whether a place or organisation name begins at pos (名单: 副县长赵立平河北省…)."""
    head = rjieba.tag(text[pos:pos + 8])
    return bool(head) and head[0][1] in _PLACE_TAGS and len(head[0][0]) >= 2


def name_at(text: str, start: int, before_place: bool = False) -> int:
    """End of the Chinese name that starts at text[start] and is followed by a name boundary
    (or, with before_place, by a place name), or -1. Shorter names win: 张东出席 is 张东 + 出席."""
    surname = surname_length(text, start)
    if not surname:
        return -1
    ends = [start + surname + given for given in (1, 2)]
    ends = [e for e in ends if e <= len(text) and is_chinese_name(text[start:e])]
    for end in ends:
        if ends_name(text, end):
            return end
    if before_place:
        for end in ends:
            if starts_place(text, end):
                return end
    return _he_name_end(text, start)


# ---------------------------------------------------------------------------------------------
# Transliterated names
# ---------------------------------------------------------------------------------------------


@cache
def _translit_pattern() -> re.Pattern[str]:
    return re.compile(f"[{''.join(sorted(translit_chars()))}]{{2,}}")


def _translit_names(text: str, tokens: list[Token]) -> list[Span]:
    dotted = _dotted_names(text, tokens)
    return dotted + _short_forms(text, dotted) + _undotted_translit_names(text, tokens)


def _dotted_names(text: str, tokens: list[Token]) -> list[Span]:
    """Names whose parts a middle dot or dash joins: 哈桑·阿卜杜拉·萨利赫, 买买提·艾山."""
    if not _JOINER_RE.search(text):
        return []
    joiners = [i for i, (word, _) in enumerate(tokens) if word in _JOINERS]
    starts = token_starts(tokens)
    spans, resume = [], 0
    for i in joiners:
        if i < resume or not 0 < i < len(tokens) - 1 or not _name_part(tokens[i - 1], tokens[i][0]):
            continue
        first = i - 1
        while first > 0 and len(tokens[first - 1][0]) == 1 and is_translit(tokens[first - 1][0]) \
                and not _PUNCT.match(tokens[first - 1][0]):
            first -= 1  # 安|尼瓦·艾山: jieba may take the first syllable for a verb
        last = i + 1
        while last < len(tokens) and _name_part(tokens[last], tokens[last - 1][0]):
            if last + 2 < len(tokens) and tokens[last + 1][0] in _JOINERS:
                last += 2
            else:
                break
        if last < len(tokens) and _name_part(tokens[last], tokens[last - 1][0]):
            while last + 1 < len(tokens) and _name_tail(tokens[last + 1]):
                last += 1  # 萨利|赫: jieba cut the last part
            start, end = starts[first], starts[last] + len(tokens[last][0])
            if _reads_as_dotted_name(text, tokens[first:last + 1], end):
                spans.append((text[start:end], start, end))
            resume = last + 1
    return spans


def _reads_as_dotted_name(text: str, parts: list[Token], end: int) -> bool:
    """Whether a dotted run has a part of transliteration characters, or a part jieba tags a
    name and a name boundary after it: 农业·食品 and 林乡·康养山城 join words in slogans."""
    words = [(word, tag) for word, tag in parts if word not in _JOINERS]
    if any(is_translit(word) for word, _ in words):
        return True
    return any(tag in _NAME_TAGS for _, tag in words) and ends_name(text, end)


def _name_tail(token: Token) -> bool:
    """A short run of transliteration characters that can continue a name's last part."""
    word = token[0]
    return len(word) <= 3 and is_translit(word) and word not in _common_words() \
        and not speech_follows(word, 0)


def _short_forms(text: str, dotted: list[Span]) -> list[Span]:
    """Later mentions of a dotted name by its last part: 罗伯特·凯恩 … 凯恩说."""
    spans = []
    for name, _, _ in dotted:
        last = _JOINER_RE.split(name)[-1]
        if len(last) >= 2 and not _is_foreign_place(last):
            for m in re.finditer(re.escape(last), text):
                spans.append((last, m.start(), m.end()))
    return spans


def _name_part(token: Token, joiner: str) -> bool:
    """Whether a token can be one part of a joined name (a dash needs transliteration, as
    中国—东北亚 are places)."""
    word, tag = token[0], token[1]
    if not _CJK.fullmatch(word):
        return False
    if joiner in _DOTS:
        return tag in _NAME_TAGS or is_translit(word) or \
            (len(word) <= 2 and word not in _common_words())
    return is_translit(word) and tag not in _PLACE_TAGS


def _undotted_translit_names(text: str, tokens: list[Token]) -> list[Span]:
    """Runs of transliteration characters cut at jieba's word edges and before ordinary words
    (诺维科|许诺), with a person's context: a title before (总统阿卡诺夫, and then two characters
    will do: 总理凯恩) or a speech verb after (阿卡诺夫说); or three or more characters that
    jieba tags a name. Never a known foreign place, nor what could be a Chinese name, nor what
    a place or people word follows (库尔德难民)."""
    spans = []
    speech, title, title_ends = _speech_pattern(), head_pattern(), _title_last_chars()
    starts = token_starts(tokens)
    for m in _translit_pattern().finditer(text):
        run_end = m.end()
        i = bisect_left(starts, m.start())  # the first token from the run's start
        if i == len(starts) or starts[i] >= run_end - 1:
            continue  # less than two characters of whole tokens in the run
        start = starts[i]
        if tokens[i][1] not in _NAME_TAGS and not speech.search(text, start, run_end + 3) \
                and not title.match(text, run_end) \
                and not (text[start - 1:start] in title_ends and _titled_at(text, start)):
            continue  # no cue at all: most runs are ordinary words (努力, 措施)
        end = _translit_end(tokens, i, run_end)
        name = text[start:end]
        if len(name) < 2 or is_chinese_name(name, _NEVER_GIVEN) or _is_foreign_place(name) \
                or _NOT_PERSON_AFTER.match(text, end) or not _plausible_span(text, start, end):
            continue
        titled = _titled_at(text, start) and (
            ends_name(text, end) or starts_place(text, end)
            or (len(name) >= 3 and tokens[i][1] in _NAME_TAGS))
        cued = speech_follows(text, end) or title_follows(text, end)
        tagged = tokens[i][1] in _NAME_TAGS and name not in _dictionary_names() \
            and not _org_like(text, tokens, i, end)
        if titled or (len(name) >= 3 and (cued or tagged)):
            spans.append((name, start, end))
    return spans


def _first_token_from(tokens: list[Token], pos: int) -> int:
    """Index of the first token starting at or after pos (len(tokens) if none)."""
    return bisect_left(token_starts(tokens), pos)


# The last token list seen and its start offsets: a tuple swapped whole, so readers never see
# one list's starts with another list.
_starts_memo: tuple[list[Token] | None, list[int]] = (None, [])


def token_starts(tokens: list[Token]) -> list[int]:
    """Start offsets of tokens, computed once per token list (every finder bisects them)."""
    global _starts_memo
    memo = _starts_memo
    if memo[0] is not tokens:
        starts = list(accumulate(map(len, map(itemgetter(0), tokens)), initial=0))
        starts.pop()  # the end of the last token
        memo = _starts_memo = (tokens, starts)
    return memo[1]


def _token_at(tokens: list[Token], pos: int) -> int | None:
    """Index of the token starting exactly at pos, or None."""
    starts = token_starts(tokens)
    i = bisect_left(starts, pos)
    return i if i < len(starts) and starts[i] == pos else None


def _translit_end(tokens: list[Token], i: int, limit: int) -> int:
    """End of the whole tokens from token i that lie within limit and are no ordinary word;
    a speech verb jieba glued to the name is left out (诺维科许诺 → 诺维科)."""
    starts = token_starts(tokens)
    end = starts[i]
    while i < len(tokens):
        word, tag = tokens[i]
        start = starts[i]
        if start + len(word) > limit or (word in _common_words() and tag not in _NAME_TAGS) \
                or word in _SPEECH_VERBS:
            break
        end = start + len(word)
        i += 1
    glued = _speech_pattern().search(_last_token_text(tokens, i, end))
    return end - len(glued.group()) if glued and glued.end() == len(glued.string) else end


def _last_token_text(tokens: list[Token], i: int, end: int) -> str:
    """Text of the token before index i when it ends at `end` (its tail may be a verb)."""
    if i and token_starts(tokens)[i - 1] + len(tokens[i - 1][0]) == end \
            and len(tokens[i - 1][0]) > 3:
        return tokens[i - 1][0]
    return ""


def _org_like(text: str, tokens: list[Token], i: int, end: int) -> bool:
    """A brand or firm rather than a person: after a place (吉林省瓦尔特) or in a 、 list
    (鸿达、艾思克、顺通)."""
    start = token_starts(tokens)[i]
    return (i > 0 and tokens[i - 1][1] in _PLACE_TAGS) or text[end:end + 1] == "、" or \
        text[start - 1:start] == "、"


def _is_foreign_place(name: str) -> bool:
    """A known foreign place, or a run that begins or ends with one (伊拉克库尔德)."""
    places = foreign_places()
    return name in places or any(name[:k] in places or name[-k:] in places
                                 for k in range(3, len(name)))


# ---------------------------------------------------------------------------------------------
# Chinese names
# ---------------------------------------------------------------------------------------------


def _tagged_names(text: str, tokens: list[Token], named: list[int]) -> list[Span]:
    """Words rjieba tags as person names that also look like a Chinese name. Words of jieba's
    dictionary need context, since most of them are common words; two-character words need
    at least a name's edges (南翼 in 城市南翼开发 is no name)."""
    spans = []
    starts = token_starts(tokens)
    for i in named:  # indices of the tokens jieba tags as names
        word, start = tokens[i][0], starts[i]
        if len(word) == surname_length(word):  # jieba cut the name after the surname: 汤/燕
            end = name_at(text, start)
        elif _cut_surname_before(text, tokens, i):  # 刘|海燕: jieba took 海 for the surname
            start -= 1
            end = start + 3
        elif not is_chinese_name(word, _NEVER_GIVEN) or _is_foreign_place(word) or (
                _needs_context(word) and not _in_name_context(text, start, start + len(word))):
            continue
        else:
            end = _completed_name_end(text, tokens, i)
            if end - start == 2 and not _has_both_edges(text, start, end):
                continue  # 向顾客介绍, ，查干湖: a two-character name needs both its edges
            if word in _dictionary_names() and not _has_name_edges(text, start, end):
                continue  # 施策 in 精准施策, 金白银 in 真金白银, are no names
            if text[start] in _FUNCTION_SURNAMES and not _in_name_context(text, start, end):
                continue  # 祝中俄两国: "wishing", not Mr Zhu
        if end > 0 and _list_item_ok(text, start - 1, -1) and _list_item_ok(text, end, 1):
            spans.append((text[start:end], start, end))  # not 艾思克 in 鸿达、艾思克、顺通
    return spans


def _has_name_edges(text: str, start: int, end: int) -> bool:
    """A title, role or punctuation before (or, for three characters, a list word: 与王立新),
    or a speech verb or title after."""
    return start == 0 or bool(_PUNCT.match(text, start - 1)) or \
        (end - start >= 3 and text[start - 1] in _LIST_MARKS + "同") or \
        head_before(text, start, roles=True) >= 0 or speech_follows(text, end) or \
        title_follows(text, end)


def _has_both_edges(text: str, start: int, end: int) -> bool:
    """Punctuation, a list mark, a title or a role before, and a name boundary, a title or a
    place after: 、王刚说 but neither 向顾客介绍 nor ，查干湖冬捕."""
    if text.startswith(_HONORIFICS, end):
        return True  # 黄瑶同志: whatever comes before
    before = start == 0 or bool(_PUNCT.match(text, start - 1)) or \
        text[start - 1] in _LIST_MARKS or _titled_at(text, start)
    return before and (ends_name(text, end) or title_follows(text, end)
                       or starts_place(text, end))


def _plausible_span(text: str, start: int, end: int) -> bool:
    """Not a title or role word itself (顾问), not quoted like a brand (“金达”), not a brand,
    firm or place unless a title precedes it (金达莱文化节, 汪清), not a currency after a number
    (3万兰特)."""
    name = text[start:end]
    if name in title_heads() or name in role_words():
        return False
    before, after = text[start - 1:start], text[end:end + 1]
    if before in _OPEN_QUOTES and after in _CLOSE_QUOTES:
        return False
    if _names_a_thing(text, start, end) and not _titled_at(text, start):
        return False
    return not (before.isdigit() or before in _NUMERAL_UNITS)


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """A brand, firm, festival or place rather than a person: 金达莱文化旅游节, 姜家店乡 (but
    not 王刚镇长), or a Jilin division's name (汪清)."""
    if text[start:end] in division_names():
        return True
    return bool(_BRAND_AFTER.match(text, end)) and not title_follows(text, end)


def _cut_surname_before(text: str, tokens: list[Token], i: int) -> bool:
    """Whether two-character name token i lacks the surname jieba left alone before it."""
    word, start = tokens[i][0], token_starts(tokens)[i]
    if len(word) != 2 or i == 0 or len(tokens[i - 1][0]) != 1:
        return False
    before = tokens[i - 1][0]
    return surname_length(before) == 1 and before not in _FUNCTION_SURNAMES \
        and is_chinese_name(before + word, _NEVER_GIVEN) \
        and _has_name_edges(text, start - 1, start + 2)


def _needs_context(word: str) -> bool:
    """Whether a word jieba tags as a name needs context to count as one: words of jieba's
    dictionary do (文明, 宣传单, 安全带), except full names of surname + two characters that
    do not begin with an ordinary word (王立国, not 幸福感, 单元楼 or 顾问团), do not end with a
    common noun (高素质) and do not end like a place (张家口)."""
    if word not in _dictionary_names():
        return False
    head = word[:2]
    return len(word) != 3 or surname_length(word) != 1 or head in _common_words() \
        or head in _dictionary_names() or head in role_words() or head in title_heads() \
        or word[1:] in _common_nouns() or word[-1] in _PLACE_ENDINGS


def _in_name_context(text: str, start: int, end: int) -> bool:
    """A title before and a name boundary after, or a title or speech verb after: 市长林志强，
    林志强市长, 林志强说. After a role only punctuation will do as the boundary (记者王小明、),
    not a function word (职工幸福感和获得感)."""
    if speech_follows(text, end) or title_follows(text, end):
        return True
    if head_before(text, start) >= 0:
        return ends_name(text, end) or starts_place(text, end)
    return _titled_at(text, start) and ends_name(text, end, [])


def _completed_name_end(text: str, tokens: list[Token], i: int) -> int:
    """End of the name token i begins: jieba sometimes leaves the last given-name character
    out (赵立|平|等, 吴海|燕向|记者, 欧阳明|辉); take it when a name boundary follows it, not the
    token."""
    word, start = tokens[i][0], token_starts(tokens)[i]
    end = start + len(word)
    if len(word) == surname_length(word) + 1 and i + 1 < len(tokens) \
            and tokens[i + 1][1] not in _PLACE_TAGS \
            and not ends_name(text, end) and text[end] not in _NOT_GIVEN \
            and is_chinese_name(text[start:end + 1]) \
            and (ends_name(text, end + 1) or starts_place(text, end + 1)):
        return end + 1
    return end


def _fits_tokens(text: str, tokens: list[Token], start: int, end: int,
                 titled: bool = False) -> bool:
    """Whether jieba's cut allows text[start:end] to be a name: no ordinary word crosses its
    edges (but 副市|长江|海涛 is 江 + 海涛), it is not an ordinary word itself (全面), and a
    surname that is also a function word (向, 来) has jieba's name tag — after a title, on the
    given name will do (主任|于|洪波)."""
    surname = surname_length(text, start)
    tagged = False
    for (word, tag), pos in _tokens_over(tokens, start, end):
        stop = pos + len(word)
        named = tag in _NAME_TAGS and word not in _dictionary_names()  # jieba tags 应邀参加 nr
        tagged = tagged or named or (tag in _NAME_TAGS and (pos, stop) == (start, end)) or \
            (titled and tag in _NAME_TAGS and pos >= start + surname)
        if pos < start and (stop - start > surname or stop >= end):
            return False
        if stop > end and not named and tag not in _PLACE_TAGS and len(word) > 1:
            return False
        inside = text[max(pos, start):min(stop, end)]
        if named or len(inside) == 1:
            continue
        if inside in _common_words() and (pos == start or text[start] in _FUNCTION_SURNAMES):
            return False
    return tagged or text[start] not in _FUNCTION_SURNAMES


def _tokens_over(tokens: list[Token], start: int, end: int) -> zip[tuple[Token, int]]:
    """(token, start) of the tokens overlapping text[start:end] (tokens are in text order and
    cover the text)."""
    starts = token_starts(tokens)
    first = max(bisect_right(starts, start) - 1, 0)  # the token holding text[start]
    last = bisect_left(starts, end, lo=first)
    return zip(tokens[first:last], starts[first:last], strict=True)


def _titled_names(text: str, tokens: list[Token]) -> list[Span]:
    """Names right after an official title or role: 市长孙立平主持, 副局长何晓东说."""
    spans = []
    for m in _after_title_pattern().finditer(text):
        start = m.start()
        if not surname_length(text, start) or not _titled_at(text, start) \
                or 0 <= head_before(text, start + 1, roles=True) < start \
                or (head_before(text, start) < 0 and _token_at(tokens, start) is None):
            continue  # (司令官: 官 ends the title; 乡村|民宿: a role inside words is none)
        end = _tagged_name_end(text, tokens, _token_at(tokens, start))
        if end < 0:
            end = name_at(text, start, before_place=True)
        if end < 0:
            end = _double_barrelled_end(text, start)
        if end < 0 or (text[start:end] in _dictionary_names()
                       and not _in_name_context(text, start, end)):
            continue
        if _fits_tokens(text, tokens, start, end, titled=True):
            spans.append((text[start:end], start, end))
    return spans


def _double_barrelled_end(text: str, start: int) -> int:
    """End of a four-character name of two surnames and a given name (张王丽娜), or -1."""
    end = start + 4
    if surname_length(text, start) == 1 and is_chinese_name(text[start + 1:end]) \
            and surname_length(text, start + 1) == 1 and ends_name(text, end):
        return end
    return -1


def _cued_names(text: str, tokens: list[Token]) -> list[Span]:
    """Names a speech verb follows and punctuation, a list mark or a title precedes:
    ，高志远说 / 。王建新同志强调."""
    spans = []
    for m in _speech_pattern().finditer(text):
        end = m.start()
        start = _name_ending_at(text, end)
        if start >= 0 and _fits_tokens(text, tokens, start, end):
            spans.append((text[start:end], start, end))
    return spans


@cache
def _after_title_pattern() -> re.Pattern[str]:
    """A surname's first character right after a title's (or a byline space's) last one. (The
    look-behind follows the character, so that re can skip through the text to initials.)"""
    ends = re.escape("".join(sorted(_title_last_chars())))
    initials = re.escape("".join(sorted(surname_initials())))
    return re.compile(f"[{initials}](?<=[{ends}][{initials}])")


@cache
def _title_last_chars() -> frozenset[str]:
    """Characters a title or role can end with, and the spaces of a byline (通讯员 王小明)."""
    return frozenset(heads_ending_at(True)) | frozenset(" \u3000\t")


def _titled_at(text: str, start: int) -> bool:
    """A title or role ends at start, or just before spaces that end there (通讯员 王小明)."""
    gap = start
    while gap > 0 and text[gap - 1] in " \u3000\t":
        gap -= 1
    return head_before(text, gap, roles=True) >= 0


def _tagged_name_end(text: str, tokens: list[Token], i: int | None) -> int:
    """End of the name jieba tagged at token i when a name boundary or a place follows it;
    four characters when jieba tagged two names in a row (周书|雨涵). Else -1."""
    if i is None or tokens[i][1] not in _NAME_TAGS or not is_chinese_name(tokens[i][0],
                                                                           _NEVER_GIVEN):
        return -1
    end = _completed_name_end(text, tokens, i)
    if end - token_starts(tokens)[i] >= 3 or ends_name(text, end) or starts_place(text, end):
        return end
    if i + 1 < len(tokens):
        word, tag = tokens[i + 1]
        if tag in _NAME_TAGS and len(word) == 2 and not surname_length(word) \
                and ends_name(text, end + 2):
            return end + 2
    return -1


def _bracketed_names(text: str, tokens: list[Token]) -> list[Span]:
    """A name alone in brackets that close a paragraph: the writer's credit, （王小明）."""
    spans = []
    for m in _BRACKETED.finditer(text):
        start, end = m.start(1), m.end(1)
        if is_chinese_name(m.group(1)) and _fits_tokens(text, tokens, start, end):
            spans.append((m.group(1), start, end))
    return spans


_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]\s*(?:\n|$)")
_LIST_MARKS = "、和与及"  # 孙海波和吴海燕、钱立新


def _listed_names(text: str, tokens: list[Token], named: list[int],
                  found: list[Span]) -> list[Span]:
    """Names listed with a found name, after it (赵晓红、钱立新、孙海波) or before it
    (钱立新、孙海波), and lists of names jieba tags that need no anchor (钱立新、孙海波、吴海燕)."""
    spans = _tagged_lists(text, tokens, named)
    # Where a walk along a list already went on from: each of a long list's names is found on
    # its own too, and walking the rest of the list from every one of them would be quadratic.
    walked_on, walked_back = set(), set()
    for _, start, end in found + spans:
        while end < len(text) and text[end] in _LIST_MARKS and end not in walked_on:
            walked_on.add(end)
            next_end = name_at(text, end + 1)
            if next_end < 0 or not _fits_tokens(text, tokens, end + 1, next_end):
                break
            spans.append((text[end + 1:next_end], end + 1, next_end))
            end = next_end
        while start > 0 and text[start - 1] in _LIST_MARKS and start not in walked_back:
            walked_back.add(start)
            prev_start = _name_ending_at(text, start - 1)
            if prev_start < 0 or not _fits_tokens(text, tokens, prev_start, start - 1):
                break
            spans.append((text[prev_start:start - 1], prev_start, start - 1))
            start = prev_start
    return spans


def _tagged_lists(text: str, tokens: list[Token], named: list[int]) -> list[Span]:
    """、-lists whose items are all words jieba tags as names and shaped like names; when every
    item is a dictionary word (文明、荣誉), it takes three of them."""
    spans: list[Span] = []
    run: list[Span] = []
    starts = token_starts(tokens)
    for i in named:
        word, start = tokens[i][0], starts[i]
        if not is_chinese_name(word, _NEVER_GIVEN):
            continue
        item = (word, start, start + len(word))
        if run and text[run[-1][2]:start] == "、":  # only 、 between: the list goes on
            run.append(item)
            continue
        spans += _name_list(text, run)
        run = [item]
    return spans + _name_list(text, run)


def _name_list(text: str, run: list[Span]) -> list[Span]:
    """The run, if it is a whole list (a list that goes on with other things, 鸿达、艾思克、顺通,
    names firms) of three names, or of two not both common words."""
    if len(run) < 2 or not _list_item_ok(text, run[0][1] - 1, -1) or \
            not _list_item_ok(text, run[-1][2], 1):
        return []
    if len(run) >= 3 or any(n not in _dictionary_names() for n, _, _ in run):
        return run
    return []


def _list_item_ok(text: str, mark: int, step: int) -> bool:
    """Whether the list item beyond the 、 at `mark` (step -1: before it, 1: after it), if
    there is one, could be a name too, or names a post (江海涛市长、)."""
    if not 0 <= mark < len(text) or text[mark] != "、":
        return True
    pos, item = mark + step, []
    while 0 <= pos < len(text) and len(item) <= 12 and not _PUNCT.match(text[pos]) \
            and text[pos] not in "等和与及":
        item.append(text[pos])
        pos += step
    word = "".join(item if step > 0 else reversed(item))
    return is_chinese_name(word) or any(dot in word for dot in _DOTS) or \
        (len(word) >= 3 and is_translit(word)) or bool(head_pattern().search(word))


def _name_ending_at(text: str, end: int) -> int:
    """Start of a Chinese name ending at text[end] that a title, punctuation or list mark
    precedes, or -1."""
    for length in (3, 2, 4):
        start = end - length
        if start >= 0 and is_chinese_name(text[start:end]) and (
                start == 0 or _PUNCT.match(text, start - 1) or text[start - 1] in _LIST_MARKS
                or head_before(text, start, roles=True) >= 0):
            return start
    return -1


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Longest span wins where spans overlap; output in text order."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(set(spans), key=lambda s: (s[1] - s[2], s[1])):
        cells = range(span[1], span[2])
        if not taken.intersection(cells):
            chosen.append(span)
            taken.update(cells)
    return sorted(chosen, key=lambda s: s[1])
