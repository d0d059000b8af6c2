"""signs_with and witnesses."""

from __future__ import annotations

from graphbuild.extract import signings
from tests._extract_util import triples


def test_ceremony_pair_and_witnesses():
    body = ("9月1日上午，青云纺织与平川纺织园“合作细则”签约仪式，在青云集团总部举行。"
            "市委常委、副市长王晓东，市人大常委会副主任李文华见证了此次签约过程。")
    got = triples(signings, body)
    ceremony = "青云纺织与平川纺织园“合作细则”签约仪式"
    assert got == {("青云纺织", "signs_with", "平川纺织园"), ("王晓东", "witnesses", ceremony),
                   ("李文华", "witnesses", ceremony)}


def test_partners_after_yu_with_topic_as_subject():
    body = ("近年来，青云经济开发区积极优化发展环境。青云经济开发区不断推动产业升级。"
            "会上与平川健康产业研究院有限公司和青山光明管理有限公司签订战略合作框架协议。")
    got = triples(signings, body)
    assert got == {("青云经济开发区", "signs_with", "平川健康产业研究院有限公司"),
                   ("青云经济开发区", "signs_with", "青山光明管理有限公司")}


def test_co_signers():
    got = triples(signings, "平川集团和青云科技有限公司正式签署战略合作协议。")
    assert got == {("平川集团", "signs_with", "青云科技有限公司")}


def test_title_pair_is_dropped_when_the_body_has_one():
    body = "9月1日上午，青云纺织与平川纺织园“合作细则”签约仪式，在青云集团总部举行。"
    got = triples(signings, body, "平川纺织园与青云签约")
    assert got == {("青云纺织", "signs_with", "平川纺织园")}


def test_ceremony_held_by_two_parties_and_witnesses():
    got = triples(signings, "青山县与华远集团举行项目签约仪式。县委书记王志刚、县长李明辉共同见证签约。")
    assert got == {("青山县", "signs_with", "华远集团"), ("王志刚", "witnesses", "项目签约仪式"),
                   ("李明辉", "witnesses", "项目签约仪式")}


def test_signing_on_behalf_of_a_body():
    got = triples(signings, "副市长张华代表市政府与华远集团签订战略合作协议。")
    assert got == {("市政府", "signs_with", "华远集团")}


def test_a_person_subject_is_no_topic_signer():
    body = "青云经济开发区优化环境。青云经济开发区推动升级。张华与华远集团签订协议。"
    assert triples(signings, body) == set()


def test_under_the_witness_of():
    body = ("9月1日，青山招商推介会在平川举行。推介会上，在市长王冬、副市长李伟的见证下，"
            "青山区与华远集团签署战略合作协议。")
    got = triples(signings, body)
    assert got == {("青山区", "signs_with", "华远集团"), ("王冬", "witnesses", "青山招商推介会"),
                   ("李伟", "witnesses", "青山招商推介会")}


def test_one_signing_written_with_short_and_full_names():
    body = "青山区与华远集团签订战略合作协议。青山区人民政府与华远集团有限公司签订协议。"
    assert len(triples(signings, body)) == 1


def test_ceremony_party_stops_before_the_agreement_name():
    body = "8月3日，平川市人民政府与青禾新能源集团有限公司全面合作协议签约仪式在平川宾馆举行。"
    assert ("平川市人民政府", "signs_with", "青禾新能源集团有限公司") in triples(signings, body)


def test_partner_of_an_earlier_signing_is_no_co_signer():
    body = "会上，青云区与北辰物流有限公司签订了冷链仓储项目投资协议，与南海制药有限公司签订了合作协议。"
    got = {t for t in triples(signings, body) if t[1] == "signs_with"}
    assert got == {("青云区", "signs_with", "北辰物流有限公司"), ("青云区", "signs_with", "南海制药有限公司")}


def test_witnesses_listed_with_commas_inside_the_phrase():
    body = ("平川市人民政府与青禾集团有限公司合作协议签约仪式在平川宾馆举行。"
            "在市委书记赵明远，青禾集团董事长钱立新的见证下，市长孙卫东与青禾集团总经理周海代表双方签约。")
    got = {t[0] for t in triples(signings, body) if t[1] == "witnesses"}
    assert got == {"赵明远", "钱立新"}


def test_witnesses_closing_their_clause():
    body = ("8月2日，平川市人民政府与青禾集团有限公司合作协议签约仪式在平川宾馆举行。"
            "市委书记赵明远、市长孙卫东共同见证。")
    got = {s for s, p, _ in triples(signings, body) if p == "witnesses"}
    assert got == {"赵明远", "孙卫东"}


def test_unnamed_signing_is_named_by_its_agreement():
    body = "在市委书记赵明远的见证下，平川市人民政府与青禾集团有限公司签署战略合作协议。"
    assert ("赵明远", "witnesses", "战略合作协议签约仪式") in triples(signings, body)
