"""Who speaks, in original sentences of both languages: an unnamed individual (A), a crowd,
category or hearsay (V), or a named, checkable source (-, nothing suggested). The rules are
general (tellers, speech verbs, hearsay), so each sentence here is written for the test, not
taken from an article."""

from __future__ import annotations

import pytest

SOURCING = ("ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION")

ZH = [
    ("据了解，这家工厂已经停工。", "V"),
    ("记者了解到，该项目已经暂停。", "V"),
    ("有关人士介绍，补贴将于下月发放。", "V"),
    ("一位不具名的官员对媒体说，谈判已经破裂。", "A"),
    ("相关负责人表示，此事正在调查。", "V"),
    ("业内普遍认为，价格还会上涨。", "V"),
    ("外界普遍猜测，他将辞职。", "V"),
    ("有评论指出，这项政策并不公平。", "V"),
    ("有观点认为，房价已经见顶。", "V"),
    ("传闻称，两家公司即将合并。", "V"),
    ("社交媒体上流传的视频显示，现场一片混乱。", "V"),
    ("网上流传的截图显示，员工被要求加班。", "V"),
    ("接近董事会的消息人士说，新总裁已经选定。", "A"),
    ("路透社援引知情人士的话报道，交易已经完成。", "A"),
    ("知情人透露，名单早已内定。", "A"),
    ("多名员工反映，工资已经拖欠三个月。", "V"),
    ("部分网友留言称，这是一场骗局。", "V"),
    ("有市民反映，路灯已经坏了一个月。", "V"),
    ("内部人士爆料，公司准备裁员一半。", "A"),
    ("一名男子告诉记者，他亲眼看到了事故。", "A"),
    ("当地人说，这条河每年都会泛滥。", "V"),
    ("据当地媒体报道，大桥已经封闭。", "V"),
    ("据外媒报道，双方将在下周会面。", "V"),
    ("多个微信群里流传着一条消息，称学校要停课。", "V"),
    ("坊间有一种说法，认为他早已出国。", "V"),
    ("有知情者向记者证实，会议已被取消。", "A"),
    ("一位匿名员工在论坛上发帖说，公司账目有问题。", "A"),
    ("该员工表示，自己从未收到通知。", "A"),
    ("消息来源指出，这笔钱去向不明。", "A"),
    ("有传言说，明年学费要涨。", "V"),
    ("很多家长私下议论，这次考试有猫腻。", "V"),
    ("不少专家对此表示担忧。", "V"),
    ("专家提醒，市民不要轻信谣言。", "V"),
    ("研究人员发现，这种药物有副作用。", "V"),
    ("有数据显示，今年的出生人口再创新低。", "V"),
    ("有调查显示，七成年轻人不愿结婚。", "V"),
    ("據知情人士透露，該公司將裁員。", "A"),
    ("有網友指出，這張照片是假的。", "V"),
    ("有消息指，該官員已被帶走調查。", "V"),
    ("外交部发言人汪文斌表示，中方坚决反对。", "-"),
    ("市长李明在发布会上说，地铁将延长运营。", "-"),
    ("新华社报道，大桥已经通车。", "-"),
    ("张三说，他昨天没有去上班。", "-"),
    ("该公司在声明中表示，将依法维权。", "-"),
    ("此举引发不少家长质疑，学校随后道歉。", "-"),  # a reaction reported, not a claim passed on
]

EN = [
    ("A senior official said the talks had stalled.", "A"),
    ("One resident told reporters the water smelled of fuel.", "A"),
    ("A source close to the family said the couple had split.", "A"),
    ("Sources say the deal is off.", "V"),  # plural sources are a group (blind-en E3)
    ("An insider claimed the figures were invented.", "A"),
    ("A person with knowledge of the negotiations said no agreement was near.", "A"),
    ("Another employee, who declined to be named, said the same.", "A"),
    ("According to one witness, the car did not stop.", "A"),
    ("Many believe the election was stolen.", "V"),
    ("Critics argue the plan is too expensive.", "V"),
    ("Some parents worry that the school will close.", "V"),
    ("Experts warn that prices will rise.", "V"),
    ("It is widely believed that the mayor will resign.", "V"),
    ("Studies show that sugar is addictive.", "V"),
    ("Rumours are circulating that the factory will close.", "V"),
    ("Posts circulating on social media claim the vaccine is dangerous.", "V"),
    ("Several teachers at the school said they had not been consulted.", "V"),
    ("Word on the street is that the club is for sale.", "V"),
    ("People on Twitter are saying the video was staged.", "V"),
    ("The deal was reportedly worth $2 billion.", "V"),
    ("Observers note that the vote was unusually quick.", "V"),
    ("There are reports that the president is ill.", "V"),
    ("Most economists expect a recession.", "V"),
    ("Officials said the road would reopen on Monday.", "V"),
    ("Mayor Maria Lopez said the road would reopen on Monday.", "-"),
    ("Hiram Sasser, a lawyer at the firm, said the course would stay.", "-"),
    ("The ministry said in a statement that the figures were correct.", "-"),
    ("John Smith, who is an engineer, says the bridge is safe.", "-"),
    ("She said she would run again.", "-"),
    ("The report, published by the WHO in March, says cases are falling.", "-"),
]


def verdict(found, text: str, lang: str) -> str:
    labels = {label for label in SOURCING if found(text, lang, label)}
    if not labels:
        return "-"
    return "A" if "ANONYMOUS_SOURCE" in labels else "V"


@pytest.mark.parametrize("text, expected", ZH, ids=[f"zh-{i}" for i in range(len(ZH))])
def test_chinese_speakers(found, text, expected):
    assert (verdict(found, text, "zh") == "-") == (expected == "-"), text


@pytest.mark.parametrize("text, expected", EN, ids=[f"en-{i}" for i in range(len(EN))])
def test_english_speakers(found, text, expected):
    assert (verdict(found, text, "en") == "-") == (expected == "-"), text


def test_the_kind_of_speaker_is_right_most_of_the_time(found):
    # anonymous vs vague is a judgement annotators also split on; the rules gave every one of
    # these sentences the label written here when they were written (63 of 63): a floor of 90%
    cases = [(t, e, "zh") for t, e in ZH] + [(t, e, "en") for t, e in EN]
    sourced = [(t, e, lang) for t, e, lang in cases if e != "-"]
    agree = sum(verdict(found, t, lang) == e for t, e, lang in sourced)
    assert agree / len(sourced) >= 0.9, agree
