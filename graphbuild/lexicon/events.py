"""Event nouns (what makes a span an event name) and the verbs that relate people and bodies to them."""

from __future__ import annotations

import re

from graphbuild.lexicon.divisions import trie_pattern

# Event head nouns with their subtype. A name is "…" + one of these; longest first when matched.
EVENT_NOUNS: dict[str, str] = {
    "常务会议": "Meeting", "工作会议": "Meeting", "推进会议": "Meeting", "部署会议": "Meeting",
    "会议": "Meeting", "例会": "Meeting", "大会": "Meeting", "全会": "Meeting", "座谈会": "Meeting",
    "推进会": "Meeting", "调度会": "Meeting", "部署会": "Meeting", "动员会": "Meeting",
    "联席会": "Meeting", "研讨会": "Meeting", "报告会": "Meeting", "发布会": "Meeting",
    "见面会": "Meeting", "交流会": "Meeting", "分析会": "Meeting", "总结会": "Meeting",
    "论坛": "Meeting", "峰会": "Meeting", "年会": "Meeting", "听证会": "Meeting",
    "宣讲会": "Meeting", "说明会": "Meeting", "观摩会": "Meeting", "现场会": "Meeting",
    "博览会": "Expo", "展览会": "Expo", "交易会": "Expo", "洽谈会": "Expo", "展销会": "Expo",
    "推介会": "Expo", "招商会": "Expo", "博览交易会": "Expo", "展会": "Expo", "博会": "Expo",
    "交会": "Expo", "洽会": "Expo", "贸会": "Expo", "招聘会": "Activity",
    "签约仪式": "SigningCeremony", "签字仪式": "SigningCeremony", "签约会": "SigningCeremony",
    "培训班": "Training", "培训会": "Training", "研修班": "Training", "训练营": "Training",
    "活动": "Activity", "演练": "Activity", "比赛": "Activity", "大赛": "Activity",
    "竞赛": "Activity", "运动会": "Activity", "奥运会": "Activity", "冬奥会": "Activity",
    "亚运会": "Activity", "全运会": "Activity", "艺术节": "Activity", "文化节": "Activity",
    "旅游节": "Activity", "读书节": "Activity", "马拉松": "Activity", "文艺演出": "Activity",
    "义诊": "Activity", "美食节": "Activity", "音乐节": "Activity", "电影节": "Activity",
    "冰雪节": "Activity", "啤酒节": "Activity", "购物节": "Activity", "消费节": "Activity",
    "丰收节": "Activity", "科技节": "Activity", "体育节": "Activity", "宣传周": "Campaign",
    "宣传月": "Campaign", "活动月": "Campaign", "活动周": "Campaign", "行动": "Campaign",
    "讲座": "Training", "书画展": "Activity", "摄影展": "Activity", "成果展": "Activity",
    "展览": "Activity", "晚会": "Activity", "联欢会": "Activity", "音乐会": "Activity",
    "开放日": "Activity", "技能比武": "Activity", "大集": "Activity", "篮球赛": "Activity",
    "足球赛": "Activity", "联赛": "Activity", "锦标赛": "Activity", "邀请赛": "Activity",
    "公开赛": "Activity", "对抗赛": "Activity", "消费季": "Campaign", "购物季": "Campaign",
    "年货节": "Activity", "嘉年华": "Activity",
    "专项行动": "Campaign", "攻坚战": "Campaign", "大会战": "Campaign", "攻坚行动": "Campaign",
    "专项整治": "Campaign",
    "开幕式": "Activity", "闭幕式": "Activity", "启动仪式": "Activity", "揭牌仪式": "Activity",
    "开工仪式": "Activity", "奠基仪式": "Activity", "颁奖典礼": "Activity", "典礼": "Activity",
    "开班仪式": "Activity", "开营仪式": "Activity",
    "启动会": "Meeting", "恳谈会": "Meeting", "茶话会": "Meeting", "论证会": "Meeting",
    "评审会": "Meeting", "协调会": "Meeting", "对接会": "Meeting", "通报会": "Meeting",
    "汇报会": "Meeting", "讲评会": "Meeting", "评议会": "Meeting", "研判会": "Meeting",
    "碰头会": "Meeting", "督导会": "Meeting", "约谈会": "Meeting", "誓师大会": "Meeting",
    "学习会": "Meeting", "协商会": "Meeting", "议事会": "Meeting",
    "读书班": "Training", "学习班": "Training", "擂台赛": "Activity",
    "汇演": "Activity", "展演": "Activity", "演出": "Activity", "义演": "Activity", "巡演": "Activity",
    "巡查": "Campaign", "巡逻": "Campaign", "大排查": "Campaign", "宣讲": "Activity",
    "志愿服务": "Activity", "采摘节": "Activity", "那达慕": "Activity", "庙会": "Activity",
}
# Longest noun first where several match (a trie: far faster than a flat alternation).
EVENT_NOUN_RE = re.compile(trie_pattern(EVENT_NOUNS))

# Verbs by which a body or place organises an event (开展 never gives a venue).
ORGANIZE_VERBS = ("主持召开", "召开", "举办", "举行", "开展", "组织", "主办", "承办")
VENUE_VERBS = ("召开", "举行", "举办", "组织", "开幕", "开班", "启动", "开赛", "启幕", "揭幕", "闭幕", "落幕",
               "拉开帷幕", "落下帷幕")
# 组织 the verb, not 组织部 or 党组织. (The look-behind comes after the word, so that an
# alternation holding it still starts with a plain character, which re can skip to.)
ZUZHI = "组织(?![部者])(?<![党团]组织)"
ORGANIZE_VERB_RE = re.compile("|".join(ORGANIZE_VERBS).replace("组织", ZUZHI))

# Ceremonies that open or close a larger event: 出席开幕式 is attending the event's opening.
CEREMONY_PARTS = frozenset({"开幕式", "闭幕式", "启动仪式", "开班仪式", "颁奖典礼", "开营仪式"})
# A body's own routine sessions (市政府常务会议, 市委常委会会议): nobody "organises" them.
ROUTINE_MEETING_RE = re.compile(r"常务会议|常委会(?:第[^会]{1,6}次)?会议|常委会$|全体会议|党组会议|办公会议")
# Heads that also modify a following event noun: 消防演练活动, 义诊志愿服务活动.
MODIFIER_NOUNS = frozenset({"演练", "义诊", "比赛", "竞赛", "大赛", "论坛", "专项行动", "专项整治", "座谈会",
                            "推介会", "招商会", "开幕式", "签约", "行动", "讲座", "展览", "晚会", "活动",
                            "志愿服务", "宣讲", "巡查", "汇演", "展演", "演出", "义演"})

# Words that make a statement not about an event that happened: obligation, plan, habit.
MODAL_RE = re.compile(r"要|将|应|须|需|拟|计划|准备|力争|争取|定期|常态化|经常|每年|每月|每季度|长期|持续")

# Sentences that report what a meeting or a person said: their content is not news of an event.
REPORTED_SPEECH_RE = re.compile(
    r"^(?:会议|会上|他|她|大家|与会人员|[^，。]{0,12}?)(?:指出|强调|要求|表示|认为|提出|说|建议)[，：:]")

# Anaphoric determiners before a bare event noun: 此次活动, 本次会议.
ANAPHORA_RE = re.compile(r"^(?:此次|本次|这次|该|这场|这项|该项|此项|这些|上述|本届|会上的?)")
