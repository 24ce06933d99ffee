"""English round 1 of the sourcing rules (docs/suggest.md, "English round 1"): each structure
on sentences written for this test, never taken from an article. Who speaks (one person without
a name, an unspecified group, a named and checkable source), in either word order, again later
in the story, in the agentless passive, as reports and rumours, or behind a hearsay adverb; and
the look-alikes that must get nothing: named people, spokespeople speaking on the record (E1),
hearsay adjectives (E4), denials, predictions, and words inside someone else's quotation."""

from __future__ import annotations

import pytest

# (text, expected: A anonymous, V vague, - nothing; words the span of that device must contain)
CASES = [
    # a later reference to an unnamed source, still unnamed (E7)
    ("A source close to the singer said the tour was off. The source added that refunds "
     "would follow.", "A", "source added"),
    ("“We never saw it coming,” our insider went on.", "A", "insider went on"),
    ("The same insider also alleges that the label knew for months.", "A", "insider also alleges"),
    ("Later that week the friend insisted the pair were still speaking.", "A", "friend insisted"),
    ("The wedding has been postponed, according to the source.", "A", "source"),
    # the speaker after the verb, the order of quotations
    ("“It was a mess backstage,” says a source close to the band.", "A", "says a source"),
    ("“She has not slept in days,” confides her pal.", "A", "confides her pal"),
    ("“He will not back down,” said one neighbour.", "A", "said one neighbour"),
    ("Added the confidant: “Nobody believes the apology.”", "A", "Added the confidant"),
    ("“The vote was rigged,” said a local official.", "A", "said a local official"),
    # a role pointed back to, after the story introduced that person without a name
    ("A senior engineer, who asked not to be named, described the tests as rushed.\n\n"
     "The engineer said the results were never checked.", "A", "engineer"),
    ("According to a clerk in the records office, the files were moved.\n\nThe clerk, who "
     "spoke on condition that her name not be used, said nobody signed for them.", "A", "clerk"),
    # the passive of quoting, the noun in scare quotes
    ("The deal is done, a “source” was quoted as saying.", "A", "quoted as saying"),
    # curly and straight marks mixed: the attribution is outside the quotation
    ("“The band is finished,\" the insider says, adding that the tour was cancelled.", "A",
     "insider says"),
    # an unspecified group speaks, holds a view or reacts (E3, E4b)
    ("Shocked neighbours told the local paper the house had been empty for years.", "V",
     "neighbours told"),
    ("Nurses in the region had feared the ward would close.", "V", "Nurses in the region had feared"),
    ("Viewers were far less impressed with the finale.", "V", "Viewers were far less impressed"),
    ("The film’s fans are convinced a sequel is coming.", "V", "fans are convinced"),
    ("Former choir members are saddened that the hall was sold.", "V", "saddened"),
    ("The new phone has been praised by reviewers and industry analysts.", "V",
     "praised by reviewers and industry analysts"),
    ("“It will sell out,” said sources close to the promoter.", "V", "said sources"),
    ("According to insiders, the merger is off.", "V", "According to insiders"),
    ("“The vote was close,” the party sources said.", "V", "sources said"),
    ("Insiders close to the band say the split is final.", "V", "Insiders close to"),
    ("Those close to the minister say he will resign.", "V", "Those close to"),
    # the agentless passive, the raised passive, a view nobody is given for (E4)
    ("The club will sign two new players, it was confirmed last night.", "V", "it was confirmed"),
    ("It has been revealed that the school lost its funding.", "V", "It has been revealed"),
    ("The striker has been linked with Spanish clubs all summer.", "V", "linked with"),
    ("The plan is seen as a blow to the unions.", "V", "seen as"),
    ("The museum has long been regarded as the city's finest.", "V", "regarded as"),
    ("He’s rumoured to be leaving the band.", "V", "rumoured to be"),
    # reports and rumours as the speaker, and "there are" hearsay
    ("Reports said the president had cancelled the trip.", "V", "Reports said"),
    ("Rumours have circulated for weeks about the band’s future.", "V", "Rumours have circulated"),
    ("Local media reports claim the mayor was warned.", "V", "reports claim"),
    ("There have been persistent reports of trouble in the camp.", "V", "persistent reports"),
    ("There are also questions about who paid for the flights.", "V", "There are also questions"),
    # the media as the speaker, unnamed (E4)
    ("Local media reported that the mayor had resigned.", "V", "media reported"),
    ("The tabloids claim the couple married in secret.", "V", "tabloids claim"),
    ("The former aide has been described as a loyal fixer.", "V", "described as"),
    ("Fans have speculated for months that the band will reunite.", "V", "speculated"),
    ("Critics slammed the decision as reckless.", "V", "slammed"),
    ("“It was over in minutes,” the source close to the family said.", "A",
     "source close to the family said"),
    ("An eyewitness told reporters the car did not stop.", "A", "eyewitness"),
    # a hearsay adverb opening its sentence
    ("Apparently, the two have not spoken since the wedding.", "V", "Apparently"),
    ("The first gig went well. But apparently, nobody told the drummer.", "V", "apparently"),
    # named, checkable, on the record (E1, E3, E5, E8): nothing
    ("A spokeswoman for the club said the manager would stay.", "-", ""),
    ("“We are thrilled,” said a spokesman for the club.", "-", ""),
    ("“We are thrilled,” said her lawyer, Mark Jones.", "-", ""),
    ("“The team played well,” said coach Tom Ridley.", "-", ""),
    ("“I will be fine,” said her friend Jane Smith.", "-", ""),
    ("Her friend Lucy Hale says the couple are happy.", "-", ""),
    ("Analysts at Barclays said the pound would fall.", "-", ""),
    ("Economists from the Bank of England warned of a slowdown.", "-", ""),
    ("The bill was praised by the prime minister.", "-", ""),
    ("Dr Ann Wells, the engineer who led the tests, spoke first.\n\nThe engineer said the "
     "results were checked twice.", "-", ""),
    ("The Associated Press reported that the vote was delayed.", "-", ""),
    ("The town's press reported a record crowd.", "-", ""),
    # not a speaker at all: a listener, a reported "said", an event, a survey's share
    ("Guests are welcome at the ceremony.", "-", ""),
    ("She told a friend that she was tired.", "-", ""),
    ("He said a friend had lent him the car.", "-", ""),
    ("The source of the leak remains unknown.", "-", ""),
    ("Fans cheered as the team arrived.", "-", ""),
    ("The singer was greeted by fans at the airport.", "-", ""),
    ("In the district survey, 61 percent of parents reported that their children slept badly.",
     "-", ""),
    ("There were no reports of injuries.", "-", ""),
    ("The council's reports said the river was clean.", "-", ""),
    # a claim denied, predicted or prescribed, or a hearsay adjective or sighting (E4)
    ("The price of the deal has not been revealed.", "-", ""),
    ("Not all of the players had been linked to the scandal.", "-", ""),
    ("The deal was confirmed by the club on Friday.", "-", ""),
    ("It was confirmed by the league that the match is off.", "-", ""),
    ("The ruling will be seen as a victory.", "-", ""),
    ("From the hill the lake can be seen as a thin blue line.", "-", ""),
    ("I have seen as many as ten deer in the garden.", "-", ""),
    ("Her rumoured new album is out next week.", "-", ""),
    ("The alleged attack happened on Monday.", "-", ""),
    ("The suspect was spotted leaving the building.", "-", ""),
    ("The plan, apparently, was never tested.", "-", ""),
    # inside a named person's quoted or reported words: not the writer's device
    ("“Apparently, I am the last to know,” she said.", "-", ""),
    ("“A source in the club told me it was over,” the manager, Tom Hale, said.", "-", ""),
    ("“Experts say this every year,” Mayor Lina Ortiz said.", "-", ""),
    ("Already, she said, critics had changed their minds.", "-", ""),
    ("Before the launch, he said, the brand was seen as old-fashioned.", "-", ""),
]


@pytest.mark.parametrize("text, expected, words", CASES, ids=[f"en1-{i}" for i in range(len(CASES))])
def test_english_round_one(sourcing_case, text, expected, words):
    sourcing_case(text, expected, words)


@pytest.mark.parametrize("headline, tag", [
    ("Star Quits Show Over Pay Row - Report", "Report"),
    ("Report: Coach To Leave At End Of Season", "Report"),
    ("Annual Report Shows Record Growth", None),
])
def test_a_headline_whose_source_is_report(found, headline, tag):
    text = f"{headline}\n\nThe figures were published on Monday by the company."
    vague = [s for s in found(text, "en", "VAGUE_ATTRIBUTION") if s in headline]
    assert vague == ([tag] if tag else []), (headline, vague)


def test_english_quotations_close_with_either_mark_and_carry_over_paragraphs():
    from toolkit.suggest.extents import Layout

    mixed = "“It is over,\" she said, and “done.”"
    assert [mixed[a:b] for a, b in Layout(mixed, "en").quotations] == ["“It is over,\"",
                                                                       "“done.”"]
    # a quotation carried over from the paragraph before closes here; it does not open
    carried = "it is finished,\" an aide said. \"Next,\" he added."
    assert [carried[a:b] for a, b in Layout(carried, "en").quotations] == ["\"Next,\""]
    # Chinese keeps its pairs: a straight mark does not close “
    chinese = "“他说\"好\"。”"
    assert Layout(chinese, "zh").quotations == [(0, len(chinese))]


@pytest.mark.parametrize("piece", [
    "“Yes,” said the source. ", "the insider says ", "Apparently, ", "had been linked with ",
    "is seen as ", "an insider is quoted as saying ", "Reports said ", "fans are convinced ",
    "A senior official said it. The official said it. ", "An aide said it. The official said it. ",
    "there have been numerous reports ",
    "praised by fans, critics and users ", "according to insiders ",
])
def test_a_paragraph_of_repeated_english_tells_is_read_in_bounded_time(read_in_bounded_time,
                                                                     piece):
    # untrusted text: see read_in_bounded_time in conftest.py
    read_in_bounded_time(piece)
