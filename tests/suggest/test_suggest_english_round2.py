"""English rounds 2 to 6 of the sourcing rules (docs/suggest.md, "English rounds 2 to 6"): each structure
on sentences written for this test, never taken from an article. Knowledge and credit with
nobody behind them (E18), a group's concern as a noun (E19), the story's own source (E20), a
clause between a source and its verb, the verb after the group ("…, warn experts"), a name a
crowd gives, reports that point at something, bare records, the media as an agent; and the
look-alikes that must get nothing: names ("known as"), someone who knows ("known to police"),
a giver named ("credited by"), a possessor ("his fears that"), bare pronouns (E7), a named
campaign group, owned records."""

from __future__ import annotations

import pytest

# (text, expected: A anonymous, V vague, - nothing; words the span of that device must contain)
CASES = [
    # knowledge and credit with nobody who knows or gives it (E18)
    ("The mayor is known to have met the developer twice.", "V", "known to have"),
    ("The bridge, known to be unsafe since the spring, was still open.", "V", "known to be"),
    ("The group's ties to the party are widely known to run deep.", "V", "known to run"),
    ("The coach was credited with saving the club from relegation.", "V", "credited with"),
    ("It is a well-known fact that the two singers despise each other.", "V", "well-known fact"),
    ("It is well known that the plant leaked for years.", "V", "well known"),
    ("It was speculated that the merger would collapse.", "V", "It was speculated"),
    # a group's concern as a noun (E19)
    ("The appointment deepened bipartisan concerns that the inquiry was political.", "V",
     "bipartisan concerns that"),
    ("Amid growing fears that the dam would fail, families left the valley.", "V",
     "growing fears that"),
    # the story's own source (E20), and a source with a clause before its verb
    ("When our source rang the office, nobody answered.", "A", "our source"),
    ("The insider, who asked to stay anonymous, claimed the tour was cancelled.", "A",
     "insider, who asked to stay anonymous, claimed"),
    ("The source, which talked to a weekly magazine, claimed the couple had split.", "A",
     "source, which talked to a weekly magazine, claimed"),
    ("The same tipster divulged that the wedding was off.", "A", "tipster divulged"),
    ("“She is furious,” a snitch told the paper.", "A", "snitch told"),
    # a group after its verb, a group that hopes or cries foul, a time between group and verb
    ("The comet may be visible next week, believe experts.", "V", "believe experts"),
    ("The road will not reopen this year, warn engineers.", "V", "warn engineers"),
    ("Fans are hoping for a reunion tour.", "V", "Fans are hoping"),
    ("A lot of voters were hoping the senator would run.", "V", "were hoping"),
    ("Her friends and family are crying foul over the verdict.", "V",
     "friends and family are crying foul"),
    ("Senior officials of the ministry last year accused the firm of fraud.", "V",
     "officials of the ministry last year accused"),
    # a name or verdict a crowd gives
    ("The plan is what some call a land grab.", "V", "what some call"),
    ("The vaccine, which many consider the safest, is free.", "V", "which many consider"),
    # documents and reports with nobody behind them
    ("Thousands of jobs could go by 2030, a new report says.", "V", "report says"),
    ("She shared some reports that implicate the governor in the scheme.", "V",
     "some reports that implicate"),
    ("According to records, the firm paid no tax last year.", "V", "According to records"),
    ("The proposal was mocked by the press for weeks.", "V", "mocked by the press"),
    ("The speech was blasted by large sections of the media.", "V",
     "blasted by large sections of the media"),
    ("The couple were first linked in the spring of 2019.", "V", "first linked"),
    # look-alikes: a name, someone who knows, a giver, a possessor, a pronoun, an owner
    ("The district is known as the old town.", "-", ""),
    ("The suspect was known to police for years.", "-", ""),
    ("The man was known to me from school.", "-", ""),
    ("He may be credited with the goal after a review.", "-", ""),
    ("The striker was credited by the league with the winning goal.", "-", ""),
    ("His growing fears that the firm would fold proved wrong.", "-", ""),
    ("The ministers met the families. They believe the law must change.", "-", ""),
    ("Residents want a new school. They say the old one is unsafe.", "-", ""),
    ("The protest was organised by campaigners Hope Not Hate.", "-", ""),
    ("According to records held by the City Council, the land was sold in 1990.", "-", ""),
    ("According to data from the Office for National Statistics, prices rose.", "-", ""),
    ("There is public concern about the rising rents.", "-", ""),
    ("The two cases are linked, the court found.", "-", ""),
    ("My source of income is a small shop.", "-", ""),
    ("“Our source is the court file,” the editor said.", "-", ""),
    # round 3 (blind3-en): political groups speak, polls, agentless reactions and suspicions,
    # people described by what they did, a group's letter, opinion online
    ("Republicans say the bill will raise taxes.", "V", "Republicans say"),
    ("Critics called the plan a giveaway to donors.", "V", "Critics called"),
    ("The senator and his allies scoffed at the report.", "V", "allies scoffed"),
    ("The remark was something some interpreted as a threat.", "V", "some interpreted"),
    ("Recent polling suggests the race is tied.", "V", "polling suggests"),
    ("The mayor has come under scrutiny for the contract.", "V", "come under scrutiny"),
    ("The council faced fierce backlash after the vote.", "V", "faced fierce backlash"),
    ("He is also suspected of taking bribes.", "V", "suspected of"),
    ("The governor is widely considered a front-runner.", "V", "considered a"),
    ("The women who found the bag said it was ticking.", "V", "women who found the bag said"),
    ("A driver who saw the crash told reporters the lights were red.", "A",
     "driver who saw the crash told"),
    ("A group of forty retired generals have written a letter urging a recount.", "V",
     "retired generals have written a letter"),
    ("The reaction on social media was swift.", "V", "reaction on social media"),
    ("It is a view shared by a large portion of the electorate.", "V",
     "shared by a large portion of the electorate"),
    # look-alikes: a named critic, an agent after the reaction, a passive, a named apposition
    ("The plan came under fire from the teachers' union.", "-", ""),
    ("The bill drew criticism by the chamber of commerce.", "-", ""),
    ("The vote is expected to take place on Tuesday.", "-", ""),
    ("The man who is, I am told, the owner was not there.", "-", ""),
    ("One local official, County Judge Ann Marsh Lee, said the road would reopen.", "-", ""),
    ("Judge Ann Lee, said the order was supposedly final.", "-", ""),
    # round 4 (blind4-en): concern and criticism as nouns (E44), reputation (E35), reactions
    # met with, records with an adjective, a coalition's statement, plural unnamed sources
    ("The talks came amid concerns about the reactor.", "V", "amid concerns about"),
    ("The minister brushed aside concerns about safety.", "V", "brushed aside concerns"),
    ("The firm is defending itself from left-leaning criticism that it bends the rules.", "V",
     "left-leaning criticism"),
    ("There was unhappiness about the new rota.", "V", "There was unhappiness about"),
    ("The plan has been met with anger from residents.", "V", "met with anger"),
    ("The bill has provoked international backlash.", "V", "provoked international backlash"),
    ("It is one of the few papers known for investigative work.", "V", "known for"),
    ("Once considered a safe seat, the district is now a toss-up.", "V", "Once considered"),
    ("According to historical data, the river floods every decade.", "V",
     "According to historical data"),
    ("A coalition of charities issued a joint statement urging a rethink.", "V",
     "charities issued a joint statement"),
    ("Anonymous sources within the agency said the files were lost.", "V", "Anonymous sources"),
    ("An unidentified woman said the car sped off.", "A", "unidentified woman"),
    ("It's no secret that the two leaders dislike each other.", "V", "It's no secret"),
    ("Most fans are sick of the endless delays.", "V", "fans are sick of"),
    # look-alikes: a named holder, a description, a prediction
    ("His concerns about the reactor were ignored.", "-", ""),
    ("The singer, best known for her debut album, is touring.", "-", ""),
    ("She wants to be known for her work, not her name.", "-", ""),
    ("The plan was met with criticism from Mayor Jane Ortiz.", "-", ""),
    ("According to records held by the Land Registry, the house was sold.", "-", ""),
    # round 5 (blind5-en): a reporter's interviewees (E48), calls and accusations from people
    # unnamed, officials cited by count, news that broke, what "we" learned (E49)
    ("Some said the plant should close. Others interviewed said it must stay.", "V",
     "Others interviewed said"),
    ("About half also felt the rents were too high.", "V", "About half also felt"),
    ("Most of those said they would vote again.", "V", "Most of those said"),
    ("The mayor defied calls by some councillors to resign.", "V", "calls by some councillors"),
    ("The report included accusations from a woman that he lied.", "A",
     "accusations from a woman"),
    ("The paper, which cited four current and former officials, said the talks had failed.", "V",
     "cited four current and former officials"),
    ("On Monday, news broke that the deal was off.", "V", "news broke"),
    ("We now know the meeting took place in June.", "V", "We now know"),
    ("Fiscal hawks, meanwhile, are angry about the deficit.", "V",
     "hawks, meanwhile, are angry"),
    ("The nomination caused some controversy in Rome.", "V", "caused some controversy"),
    (", officials who attended the meeting said.", "V", "officials who attended the meeting said"),
    # look-alikes: a name, a naming, a named accuser
    ("The complaint came from a woman named Ann Lee Park, who signed it.", "-", ""),
    ("The building we now know as the town hall was a school.", "-", ""),
    ("The accusations from a teacher, Jane Ortiz, were denied.", "-", ""),
    # round 6 (blind6-en): wishes and forecasts of "some", a negated view, people defined by
    # the view they argue, what the public is said to notice or hold, calls nobody makes
    ("Some want more cuts and others want fewer.", "V", "Some want"),
    ("Some predict the markets will fall.", "V", "Some predict"),
    ("Conservatives do not believe the figures.", "V", "Conservatives do not believe"),
    ("Those who argue otherwise ignore the record.", "V", "Those who argue"),
    ("It has not been lost on voters that the judge ruled twice.", "V",
     "lost on voters"),
    ("The idea is often expressed that loyalty comes first.", "V", "idea is often expressed"),
    ("The governor ignores calls to resign.", "V", "ignores calls to"),
    # look-alikes: believers, a caller named, a plain wish
    ("The church welcomes those who believe.", "-", ""),
    ("The mayor ignored calls from Jane Ortiz to resign.", "-", ""),
    ("People want cheaper trains.", "-", ""),
]


@pytest.mark.parametrize("text, expected, words", CASES, ids=[f"en2-{i}" for i in range(len(CASES))])
def test_english_round_two(sourcing_case, text, expected, words):
    sourcing_case(text, expected, words)


@pytest.mark.parametrize("piece", [
    "is known to have ", "credited with ", "bipartisan concerns that ", "our source ",
    "The source, who spoke to me, claimed ", "what some call ", "some reports that implicate ",
    "According to records, ", "believe experts. ", "were first linked ",
    "blasted by many sectors of the media ", "It is a well-known fact that ",
    "Democrats say ", "has come under fire ", "The men who reported it said ",
    "the reaction on Twitter ", "A group of fifty officials have written a letter ",
    "is suspected of ", "amid concerns about ", "known for ", "has been met with anger ",
    "There was unhappiness about ", "left-leaning criticism ", "Others interviewed said ",
    "calls by some legislators ", "news broke ", "cited four current and former officials ",
    "officials who attended the meeting said ", "Those who argue ", "ignores calls to ",
    "It has not been lost on voters ", "Some want ",
])
def test_a_paragraph_of_repeated_round_two_tells_is_read_in_bounded_time(read_in_bounded_time,
                                                                       piece):
    # untrusted text: see read_in_bounded_time in conftest.py
    read_in_bounded_time(piece)


# A headline over a story that rests on unnamed sources (`if_unsourced`): two or more unnamed
# attributions in the body, and at least four for each named, checkable one outside quotations.
UNNAMED_BODY = ("The singer has left the band, a source close to the group says. “He is done,” "
                "the insider adds. Fans are convinced the split is final.")


@pytest.mark.parametrize("body, flagged", [
    (UNNAMED_BODY, True),
    # one unnamed attribution is not a story resting on them
    ("The singer has left the band, a source close to the group says. The tour is off.", False),
    # a named person on the record beside them
    (UNNAMED_BODY + " Jane Ortiz, the band's manager, said the singer would stay.", False),
    (UNNAMED_BODY + " The label said in a statement that nothing had changed.", False),
    # a name inside someone's quoted words does not count as the writer's sourcing
    ("The singer has left the band, a source close to the group says. “He told me Tom Hale said "
     "it was over,” the insider adds. Fans are convinced the split is final.", True),
])
def test_a_headline_over_unnamed_sources_only(found, body, flagged):
    text = f"Singer Quits Band After Bitter Row\n\n{body}"
    headlines = found(text, "en", "UNVERIFIED_HEADLINE")
    assert (headlines == ["Singer Quits Band After Bitter Row"]) is flagged, (body, headlines)


@pytest.mark.parametrize("headline", [
    "Did The Singer Quit The Band?",              # a question headline is a question
    "Manager: ‘The Singer Will Stay’",            # words given to a named speaker
])
def test_a_question_or_quoted_headline_is_not_called_unverified(found, headline):
    text = f"{headline}\n\n{UNNAMED_BODY}"
    assert found(text, "en", "UNVERIFIED_HEADLINE") == []


def test_the_unsourced_check_counts_sourcing_rules_not_asked_for():
    # `--devices UNVERIFIED_HEADLINE`: the sourcing rules still run for the count, and their
    # spans are not shown
    from toolkit.suggest.matcher import Suggester
    from toolkit.suggest.rules import load_rules

    text = f"Singer Quits Band After Bitter Row\n\n{UNNAMED_BODY}"
    only = Suggester(load_rules(), "en", devices=["UNVERIFIED_HEADLINE"]).suggest(text)
    assert [(s.label, text[s.start:s.end]) for s in only] == [
        ("UNVERIFIED_HEADLINE", "Singer Quits Band After Bitter Row")]


def test_if_unsourced_is_for_headline_rules_only(tmp_path):
    from toolkit.errors import InvalidInputError
    from toolkit.suggest.rules import load_rules

    path = tmp_path / "mine.yaml"
    path.write_text("family: mine\nrules:\n  - id: my-rule\n    device: UNVERIFIED_HEADLINE\n"
                    "    lang: en\n    reason: a test\n    regex: 'x'\n"
                    "    if_unsourced: 'said'\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_rules([path])
    assert "if_unsourced is for headline rules only (add where: headline)" in str(caught.value)
