"""Every rule family, both languages: original positive sentences must be suggested (the span
covers the tell), original negative sentences must not."""

from __future__ import annotations

import pytest

# (lang, device, text, a part of the text the suggested span must contain)
POSITIVE = [
    # sourcing
    ("zh", "UNVERIFIED_HEADLINE", "某手机巨头正式宣布: 明年起全面退出欧洲市场!\n\n据说该公司最近销量不佳。",
     "正式宣布"),
    ("zh", "UNVERIFIED_HEADLINE", "重磅！本市地铁票价下月翻倍\n\n记者昨天在车站看到不少乘客。", "重磅"),
    ("en", "UNVERIFIED_HEADLINE", "Carmaker officially confirms it will quit Europe!\n\nSales have "
     "been slow this year, dealers say.", "officially confirms"),
    ("zh", "ANONYMOUS_SOURCE", "一位不愿透露姓名的银行职员告诉记者：“下个月还要降薪。”", "下个月还要降薪"),
    ("zh", "ANONYMOUS_SOURCE", "“这个项目已经停了。”一名参与谈判的工程师私下透露。", "一名参与谈判的工程师"),
    ("zh", "ANONYMOUS_SOURCE", "某位接近董事会的人士表示，新总裁人选已经确定。", "接近董事会的人士"),
    ("en", "ANONYMOUS_SOURCE", "A senior official, speaking on condition of anonymity, said the "
     "talks had collapsed.", "condition of anonymity"),
    # a group, not one person (blind-en convention E3: "those close to him" is vague)
    ("en", "VAGUE_ATTRIBUTION", "Two people familiar with the plan said it would be announced in "
     "May.", "familiar with the plan"),
    ("zh", "VAGUE_ATTRIBUTION", "不少人认为，这次调价只是开始。", "不少人认为"),
    ("zh", "VAGUE_ATTRIBUTION", "据业内人士透露，明年的补贴还会减少。", "据业内人士透露"),
    ("zh", "VAGUE_ATTRIBUTION", "有专家指出，这种做法会让小店更难经营。", "专家指出"),
    ("zh", "VAGUE_ATTRIBUTION", "有消息称，这家工厂下周就要关门。", "有消息称"),
    ("en", "VAGUE_ATTRIBUTION", "Many experts believe the new rules will hurt small farms.",
     "Many experts believe"),
    ("en", "VAGUE_ATTRIBUTION", "Some say the council has already made up its mind.", "Some say"),
    ("en", "VAGUE_ATTRIBUTION", "It is widely believed that the vote was rigged.",
     "It is widely believed"),
    # wording
    ("zh", "RHETORICAL_QUESTION", "这样的学校，谁还敢把孩子送进去？", "谁还敢把孩子送进去？"),
    ("zh", "RHETORICAL_QUESTION", "难道我们就只能眼睁睁看着吗。", "难道"),
    ("en", "RHETORICAL_QUESTION", "Who would trust a mayor who hides his own accounts?",
     "Who would trust"),
    ("zh", "EXAGGERATION", "这项新技术必将彻底改变整个行业。", "必将"),
    ("zh", "EXAGGERATION", "对手的价格至少要贵三倍。", "至少要贵三倍"),
    ("en", "EXAGGERATION", "This is the worst decision ever made in the history of the club.",
     "worst decision ever"),
    ("en", "EXAGGERATION", "Voters will never forgive such a betrayal.", "will never"),
    ("zh", "LOADED_LANGUAGE", "外国公司再一次对国内厂商举起了屠刀。", "屠刀"),
    ("zh", "LOADED_LANGUAGE", "这次限价犹如一记重拳，打在每个小商户身上。", "重拳"),
    ("en", "LOADED_LANGUAGE", "The minister's disgraceful remarks caused an outrage.", "disgraceful"),
    # justification
    ("zh", "APPEAL_TO_FEAR", "如果现在不出手，我们的农业就会被淘汰。", "就会被淘汰"),
    ("zh", "APPEAL_TO_FEAR", "一旦断电，后果不堪设想。", "后果不堪设想"),
    ("en", "APPEAL_TO_FEAR", "If we do not act now, our towns will be wiped out by the floods.",
     "wiped out"),
    ("zh", "FLAG_WAVING", "这场比赛关乎国家的荣誉，每一个中国人都应该站出来。", "关乎国家的荣誉"),
    ("zh", "FLAG_WAVING", "这款手机彰显了中国制造的实力。", "彰显了中国制造的实力"),
    ("en", "FLAG_WAVING", "Every true patriot knows what our great nation stands for.", "patriot"),
    ("zh", "BANDWAGON", "越来越多的家长开始给孩子报编程班。", "越来越多的家长"),
    ("en", "BANDWAGON", "More and more people are switching to electric bikes.",
     "More and more people"),
    # simplification
    ("zh", "BLACK_AND_WHITE", "要么全面禁止，要么彻底放开，没有别的办法。", "要么全面禁止"),
    ("zh", "BLACK_AND_WHITE", "只有取消考试，才能真正减轻学生负担。", "只有取消考试"),
    ("en", "BLACK_AND_WHITE", "Either we close the border or we lose our jobs.", "Either we close"),
    ("zh", "CAUSAL_OVERSIMPLIFICATION", "谁掌握了数据，谁就掌握了市场。", "谁掌握了数据"),
    ("en", "CAUSAL_OVERSIMPLIFICATION", "The only reason prices went up is the new tax.",
     "The only reason"),
    # call
    ("zh", "SLOGAN", "我们不求一夜成名，但求脚踏实地。", "不求一夜成名"),
    ("zh", "SLOGAN", "本地农业正在经历从“靠天吃饭”到“靠数据吃饭”的转变。", "从“靠天吃饭”到“靠数据吃饭”"),
    ("zh", "SLOGAN", "在学习中思考，在思考中学习，这是老校长留下的话。", "在学习中思考"),
    ("zh", "SLOGAN", "大家都累了。让我们携起手来，共同守护这片土地。", "让我们携起手来"),
    ("en", "SLOGAN", "Let us stand together and take back our streets.", "Let us stand together"),
    ("en", "SLOGAN", "Supporters chanted that it was time to drain the swamp.", "drain the swamp"),
    ("zh", "THOUGHT_TERMINATING_CLICHE", "至于结果如何，历史终将证明一切。", "历史终将证明"),
    ("zh", "THOUGHT_TERMINATING_CLICHE", "说到底，实干才是硬道理。", "实干才是硬道理"),
    ("en", "THOUGHT_TERMINATING_CLICHE", "Critics can complain, but at the end of the day, rules "
     "are rules.", "rules are rules"),
    # attack
    ("zh", "NAME_CALLING", "这些跳梁小丑又开始造谣了。", "跳梁小丑"),
    ("en", "NAME_CALLING", "The so-called experts got it wrong again.", "so-called experts"),
]

# (lang, device, text) that must NOT be suggested as that device
NEGATIVE = [
    ("zh", "UNVERIFIED_HEADLINE", "市政府发布新的垃圾分类办法\n\n市政府今天发布公告，介绍新办法的内容。"),
    ("zh", "UNVERIFIED_HEADLINE", "公司宣布下月起调整票价!\n\n公司在官网发布的公告称，下月起调整票价，详见附件。"),
    ("en", "UNVERIFIED_HEADLINE", "Library opens new reading room\n\nThe library announced the "
     "opening in a statement on Monday."),
    ("zh", "ANONYMOUS_SOURCE", "市交通局局长王建国说，地铁五号线年底通车。"),
    ("zh", "ANONYMOUS_SOURCE", "一位工程师正在调试新设备。"),
    ("en", "ANONYMOUS_SOURCE", "Maria Lopez, the mayor, said the bridge will reopen in June."),
    ("zh", "VAGUE_ATTRIBUTION", "没有人说过这句话。"),
    ("zh", "VAGUE_ATTRIBUTION", "清华大学教授李明在报告中指出，城市绿地面积去年增加了百分之五。"),
    ("en", "VAGUE_ATTRIBUTION", "The report by the national audit office found that costs rose."),
    ("zh", "RHETORICAL_QUESTION", "记者：你们什么时候开始招生？\n答：明年九月。"),
    ("zh", "RHETORICAL_QUESTION", "学校下周一开学。"),
    ("en", "RHETORICAL_QUESTION", "\"When does the train leave?\" a passenger asked the guard."),
    ("en", "RHETORICAL_QUESTION", "Q: What time does the market open?\nA: At eight."),
    ("zh", "EXAGGERATION", "新图书馆周一至周五开放，周末闭馆。"),
    ("en", "EXAGGERATION", "The bakery opens at seven and closes at noon."),
    ("zh", "LOADED_LANGUAGE", "市民可以在网上预约办理护照。"),
    ("en", "LOADED_LANGUAGE", "The committee will publish its findings next month."),
    ("zh", "APPEAL_TO_FEAR", "如果明天下雨，运动会就改到体育馆举行。"),
    ("en", "APPEAL_TO_FEAR", "If it rains tomorrow, the concert will move indoors."),
    ("zh", "FLAG_WAVING", "美国人口普查每十年进行一次。"),
    ("en", "FLAG_WAVING", "The museum has a new exhibition about ancient pottery."),
    ("zh", "BLACK_AND_WHITE", "他不是老师，而是学校的图书管理员。"),
    ("en", "BLACK_AND_WHITE", "You can pay either by card or in cash."),
    ("zh", "SLOGAN", "他从北京出发，第二天到了上海。"),
    ("zh", "SLOGAN", "这场雨让我们都很意外。"),
    ("en", "SLOGAN", "Prices rose from 2019 to 2021, the survey found."),
    ("zh", "THOUGHT_TERMINATING_CLICHE", "公园的湖边新种了一排柳树。"),
    ("en", "THOUGHT_TERMINATING_CLICHE", "The train was late because of a signal fault."),
    ("zh", "NAME_CALLING", "中国人口普查数据今天公布。"),
    ("en", "NAME_CALLING", "The orchestra played three pieces by local composers."),
]


@pytest.mark.parametrize("lang, device, text, tell", POSITIVE,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(POSITIVE)])
def test_positive_sentences_are_suggested(found, lang, device, text, tell):
    spans = found(text, lang, device)
    assert any(tell in span for span in spans), (spans, text)


@pytest.mark.parametrize("lang, device, text", NEGATIVE,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(NEGATIVE)])
def test_negative_sentences_are_not_suggested(found, lang, device, text):
    assert found(text, lang, device) == []


def test_every_built_in_device_has_positive_tests_in_both_languages(rules):
    covered = {(lang, device) for lang, device, _, _ in POSITIVE}
    for rule in rules:
        assert (rule.lang, rule.device) in covered, rule.id


def test_a_suggestion_carries_its_rule_and_reason(suggesters):
    suggestion = suggesters["zh"].suggest("不少人认为，这次调价只是开始。")[0]
    assert suggestion.rule == "zh-vague-someone-says"
    assert suggestion.reason and "\n" not in suggestion.reason
    assert suggestion.to_meta() == {"start": suggestion.start, "end": suggestion.end,
                                    "label": "VAGUE_ATTRIBUTION", "rule": suggestion.rule,
                                    "reason": suggestion.reason}


def test_a_speaker_never_takes_a_quotation_from_the_headline(found):
    # the headline's quoted term is not the executive's words; a whole quoted utterance just
    # before a speaker is (the seed article's case, tests/suggest/test_suggest_seed.py)
    text = "新型电池“三天充满一个月”？\n\n一位不愿透露姓名的电池厂高管透露，这种新电池的寿命是现有产品的十倍。"
    assert set(found(text, "zh", "ANONYMOUS_SOURCE")) == {
        "一位不愿透露姓名的电池厂高管透露，这种新电池的寿命是现有产品的十倍"}
    said = "工厂里气氛紧张。\n\n“明天就停产！”\n\n一位工程师在朋友圈感慨。"
    assert set(found(said, "zh", "ANONYMOUS_SOURCE")) == {"“明天就停产！”\n\n一位工程师在朋友圈感慨"}


@pytest.mark.parametrize("lang, text", [
    ("zh", "记者问：“什么时候能买到？”厂方没有回答。"),
    ("zh", "网友纷纷质疑：这也需要审批吗？谁来负责？"),
    ("en", 'The coach asked the board: "When are my players supposed to train?"'),
])
def test_questions_in_someone_elses_words_are_not_the_writers(found, lang, text):
    assert found(text, lang, "RHETORICAL_QUESTION") == []


def test_a_named_source_is_not_a_vague_one(found):
    assert found("中国问题专家王赫对大纪元表示，银行的问题很大。", "zh", "VAGUE_ATTRIBUTION") == []
    assert found("Hiram Sasser, a lawyer at the firm, said the course would stay.", "en",
                 "ANONYMOUS_SOURCE") == []
