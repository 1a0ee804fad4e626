#!/usr/bin/env python3
"""A deterministic corpus of invented news articles, for timing site builds.

    python bench/make_corpus.py N OUTDIR [--seed S] [--format reportgen|pelican]

writes N articles of about 750 words (400 to 1,200) into OUTDIR as ``0001-some-slug.md``:
Markdown with YAML front matter (``reportgen``, the default) or with Pelican's header lines
(``pelican``: ``Title:``, ``Date:``, ``Category:``, ``Tags:``, ``Author:``, ``Slug:``). Both
formats carry the same article text, so the two tools build the same corpus.

The articles are sentence templates filled from pools of invented names, places, bodies,
outlets and topics. They exercise the analyzer's rule tables: named people and organizations,
vague groups and described anonymous sources, relayed chains ("the Courier, which cited an
unnamed source"), pronoun and surname follow-ups, passive "it was reported", hedges (may,
could, reportedly, approximately, appears to), generalizations (many observers, it is widely
believed, one thing is clear), direct quotations in straight and curly quotes, numbers, money,
percentages, dates, times and abbreviations (Sen., Gov., U.S., Inc., p.m., No. 2, St.), with
headings, lists and block quotes in some articles. Every name, place and outlet is invented.

Deterministic: article i is drawn from ``random.Random(f"{seed}:{i}")`` (string seeds are
hashed with SHA-512, not ``hash()``), so the same seed gives byte-identical files on any
machine, and article i is the same whatever N is. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Pools. Every name here is invented for this benchmark.

FIRST_NAMES = {
    "she": ["Ana", "Lena", "Mirela", "Colette", "Priya", "Tamsin", "Odile", "Greta", "Noor",
            "Ilse", "Marisol", "Yara", "Hedda", "Rosalind", "Keziah", "Ines"],
    "he": ["Tomas", "Emil", "Dario", "Osric", "Felix", "Rafael", "Anselm", "Jorah", "Kwame",
           "Teodor", "Lucan", "Matthias", "Idris", "Caspar", "Niall", "Bram"],
}
SURNAMES = ["Kovic", "Marisch", "Vellacott", "Ostrander", "Quillfeather", "Brandvold", "Tarrant",
            "Okonjo", "Halvorsen", "Dunmere", "Castellan", "Pellworth", "Ashgrove", "Varga-Lind",
            "Moravec", "Thistlewood", "Achterberg", "Ferrand", "Sallow", "Ramaswell", "Kettering",
            "Orlov-Beck", "Imbert", "Calloway-Ness", "Strand", "Wexford-Hale", "Nakamura-Dorn",
            "Belcourt", "Ivanek", "Penhallow"]
# (title before the name, description after it)
ROLES = [
    ("Mayor", "the mayor"), ("Sen.", "a state senator"), ("Gov.", "the governor"),
    ("Rep.", "a state representative"), ("Dr.", "a physician at the county hospital"),
    ("Council member", "a member of the city council"), ("Police Chief", "the police chief"),
    ("City Engineer", "the city's chief engineer"), ("Commissioner", "the harbor commissioner"),
    ("Superintendent", "the schools superintendent"), ("Judge", "a county judge"),
    ("Prof.", "an economist at Tamsford Polytechnic"), ("Fire Chief", "the fire chief"),
]
PLACES = ["Tamsford", "Orrin Falls", "Wexley", "Caddon Bay", "Marrowgate", "Quillan", "Norcaster",
          "Ellery Bay", "Brackenmoor", "Larkhollow", "Dunmere Heights", "Saltreach", "Vossberg",
          "Pellham Cross", "Greywick"]
STREETS = ["Elm St.", "Canal Road", "Fifth Avenue", "Harbor St.", "Mill Lane", "Quarry Road",
           "St. Agathe Street", "Ferry Row", "Orchard Way", "Station St."]
OUTLETS = ["the {place} Evening Lantern", "the {place} Courier-Ledger", "Channel 7 {place}",
           "the {place} Weekly Sentinel", "Radio {place}", "the Valley Gazette-Post",
           "the Northshore Dispatch", "Newsline 12"]
COMPANIES = ["Corvane Industries Inc.", "Brightwell Logistics Inc.", "Halden & Sallow Ltd.",
             "Marrowgate Mutual Co.", "Ferrand Engineering Inc.", "Quillan Data Systems Corp."]
ANON_GROUPS = ["officials", "city officials", "sources familiar with the matter",
               "people close to the talks", "analysts", "residents", "critics", "insiders",
               "experts", "two people briefed on the plan", "some council members",
               "officials at the {body_short}", "local observers", "union members"]
ANON_ONE = ["a senior official who asked not to be named",
            "an official who spoke on condition of anonymity",
            "a spokesperson for the {body_short}", "a person familiar with the negotiations",
            "an engineer who declined to be named", "a resident who gave only her first name",
            "a former employee of {company_short}", "one senior aide", "an unnamed inspector",
            "a source close to the mayor's office"]

# Each topic: its category, tags, and the noun phrases its sentences talk about.
TOPICS = [
    dict(category="Infrastructure", tags=["bridges", "transport", "budget"],
         subject="the {street_name} bridge", problem="cracks in two girders",
         plan="the repair plan", action="reopen the bridge", body="{place} Department of Public Works",
         body_short="public works department", event="the closure", thing="the bridge",
         measure="the detour", people="commuters"),
    dict(category="Water", tags=["water", "utilities", "health"],
         subject="the {place} water system", problem="elevated lead readings",
         plan="the pipe replacement program", action="replace the service lines",
         body="{place} Water Board", body_short="water board", event="the boil-water notice",
         thing="the treatment plant", measure="the rate increase", people="households"),
    dict(category="Education", tags=["schools", "education", "budget"],
         subject="Larkmead Elementary", problem="a $3 million shortfall",
         plan="the consolidation plan", action="close two schools",
         body="{place} School Board", body_short="school board", event="the vote on closures",
         thing="the district budget", measure="the new bus routes", people="parents"),
    dict(category="Port", tags=["port", "labor", "economy"],
         subject="the {place} container terminal", problem="a three-week slowdown",
         plan="the automation plan", action="end the dispute",
         body="{place} Harbor Authority", body_short="harbor authority", event="the strike vote",
         thing="the terminal", measure="the new contract", people="dockworkers"),
    dict(category="Health", tags=["health", "hospitals"],
         subject="St. Brenna's Hospital", problem="long waits in the emergency ward",
         plan="the merger", action="keep the maternity ward open",
         body="Regional Health Service", body_short="health service", event="the merger talks",
         thing="the hospital", measure="the staffing plan", people="patients"),
    dict(category="Environment", tags=["wildfire", "environment", "emergency"],
         subject="the Greywick ridge fire", problem="dry winds and low humidity",
         plan="the evacuation order", action="contain the fire",
         body="{place} Fire District", body_short="fire district", event="the evacuation",
         thing="the fire line", measure="the burn ban", people="evacuees"),
    dict(category="Politics", tags=["elections", "politics", "council"],
         subject="the District No. 2 recount", problem="1,200 disputed ballots",
         plan="the recount procedure", action="certify the result",
         body="{place} Elections Office", body_short="elections office", event="the recount",
         thing="the count", measure="the audit", people="voters"),
    dict(category="Business", tags=["business", "jobs", "economy"],
         subject="the Corvane plant", problem="falling orders",
         plan="the restructuring", action="keep the plant open",
         body="{place} Economic Development Council", body_short="development council",
         event="the layoffs", thing="the plant", measure="the tax break", people="workers"),
    dict(category="Housing", tags=["housing", "zoning", "council"],
         subject="the Ferry Row housing project", problem="rising rents",
         plan="the rezoning proposal", action="build 400 units",
         body="{place} Planning Commission", body_short="planning commission",
         event="the zoning hearing", thing="the project", measure="the rent cap", people="tenants"),
    dict(category="Technology", tags=["technology", "privacy", "data"],
         subject="the city's permit database", problem="a data breach",
         plan="the security review", action="notify everyone affected",
         body="{place} Office of Information Technology", body_short="technology office",
         event="the breach", thing="the database", measure="the new password rules",
         people="applicants"),
]

HEADLINES = [
    "{Body} weighs {plan} as questions mount over {problem}",
    "{place} officials defend {event} amid criticism",
    "{surname} says {thing} will recover; critics are not so sure",
    "What we know about {event} in {place}",
    "{place} braces for {measure} after {problem}",
    "Questions grow over {plan}: who knew about {problem}?",
    "{Subject} faces an uncertain future",
    "{surname} vows to {action} by {month}",
    "Residents of {place} split over {measure}",
    "{Body} approves ${money_m} million for {plan}",
]

# ---------------------------------------------------------------------------------------------
# Sentence templates. {P} introduces a cast member by title and name; {S}, {He}, {his} refer
# to the person named last. Keys are filled lazily by Slots below.

LEDES = [
    "{P} on {day} defended {event}, as questions grew over whether {body} had been warned about {problem} months earlier.",
    "{Body} said on {day} that it would {action} by {month}, a timeline {anon} said was ambitious.",
    "{Subject} may face further delays after inspectors found {problem}, according to {body}.",
    "{People} in {place} reportedly waited more than {n} hours on {day} as {event} stretched into a second week.",
    "The future of {subject} appears to hang on a vote scheduled for {date} at {time}.",
    "{Anon_cap} said on {day} that {plan} could cost approximately ${money_m} million, far more than the figure presented to the council.",
]
PERSON = [
    "{P} said the city had acted as soon as it learned of {problem}.",
    "{P}, who has led the office since {year}, said {plan} would go ahead.",
    "\"We will {action} before {month},\" {P} said at a news conference on {day}.",
    "“Nobody in this administration sat on a warning,” {P} said.",
    "{P} told {outlet} that the budget for {plan} stood at ${money_m} million.",
    "\"The numbers are what they are,\" said {P}. \"We are not going to hide them.\"",
    "{P} stressed that no decision had been made.",
    "{Papp} said {plan} was \"the only responsible option\" left.",
    "{P} said on {day}: “We asked for the inspection in {year}, and we got it in {year2}.”",
    "{P} acknowledged that {event} had been handled badly in its first days.",
    "{P} warned that {measure} might not survive a legal challenge.",
    "‘It’s not a crisis,’ {P} insisted, though {he} conceded the schedule had slipped.",
]
ORG = [
    "{Body} said in a statement that {event} had affected about {big} {people}.",
    "According to {body}, {thing} handled {big} requests last year, up {pct} from {year}.",
    "In a letter dated {date}, {company} said it had warned the city about {problem}.",
    "{Outlet_cap} reported on {day} that {body} had set aside ${money_k},000 for {measure}.",
    "According to figures released by {body} on {date}, {pct} of {people} were affected.",
    "A review by the U.S. Government Accountability Board found that {plan} met federal rules.",
    "The state auditor's report, released on {date}, found {n} problems with {plan}.",
]
FOLLOW = [
    "{He} added that {measure} would be reviewed in {month}.",
    "{S} said {he} had asked for a full report by {date}.",
    "{He} did not say how much the delay would cost.",
    "“We may need more time,” {S} said, “but we will not cut corners.”",
    "{S}, speaking at {time}, said {he} expected {thing} to recover.",
    "{He} also noted that {n} inspectors had been assigned to {subject}.",
    "Asked whether {plan} could fail, {S} said: \"Anything could happen. I don't think it will.\"",
    "{His} office later said the figure was roughly {big}.",
    "{S} declined to comment on {problem}.",
    "{He} said the city would publish the full figures by {date}.",
    "In an interview, {S} conceded that {measure} was unpopular.",
    "{S} has previously hinted that {he} would not seek another term.",
    "\"I understand why people are angry,\" {he} said. \"I would be too.\"",
    "{He} pointed out that the last inspection, in {year}, had found nothing unusual.",
    "{S} later told reporters that {he} had spoken to {company_short} twice since {month}.",
    "According to {S}, about {pct} of the money has already been spent.",
    "{His} deputy, {first2} {last2}, said the office would answer every letter.",
]
ANON = [
    "{Anon_cap} said the decision could come as early as {day}.",
    "{Anon1_cap} said {plan} had been discussed privately for months.",
    "{Outlet_cap}, which cited an unnamed source at {body_short_the}, reported that {event} was expected to last until {month}.",
    "According to {anon1}, the {body_short} had known about {problem} since {year}.",
    "Sources familiar with the matter said {company_short} had been approached about {plan}.",
    "It was reported that {thing} had failed an inspection in {year}.",
    "{Thing_cap} is said to be in worse shape than the city has admitted.",
    "{Outlet_cap}, citing {anon1}, said the cost could rise to ${money_m} million.",
    "Officials, speaking on condition of anonymity, said {event} reportedly began after a routine check.",
    "{Anon_cap} suggest that {measure} may not be enough.",
    "Some residents say {measure} has made things worse, while others blame {company_short}.",
    "People close to the talks said a deal was likely by {date}.",
    "A spokesperson for {company} said the company was cooperating fully.",
    "A U.S. official who asked not to be identified said federal money may be available.",
    "{Anon1_cap} said {P} had been briefed on {problem} in {month}, an account the office denied.",
]
HEDGED = [
    "The repairs could take as long as {n} months and may cost approximately ${money_m} million.",
    "{Thing_cap} appears to have lost about {pct} of its capacity since {year}.",
    "The figure is likely to rise once {event} is fully assessed.",
    "Roughly {big} {people} may be affected, though the count is still preliminary.",
    "{Measure_cap} could possibly be extended into {month}.",
    "The plan seems to rely largely on state funding that has not yet been approved.",
    "It is unclear whether {plan} will survive the next budget.",
    "There has been speculation that {body_short_the} might {action} sooner than planned.",
    "Several {people} reportedly filed complaints, and some apparently never received a reply.",
    "The cost is estimated at ${money_m} million, or roughly ${per_head} per resident.",
]
GENERAL = [
    "Many observers were puzzled by the timing.",
    "It is widely believed that {problem} had been building for years.",
    "One thing is clear: {people} in {place} are running out of patience.",
    "Critics argue that {body_short_the} waited too long.",
    "Questions have been raised about who approved {plan}.",
    "Everyone knows {thing} has always been underfunded.",
    "{Event_cap} is one of the most serious setbacks the town has faced.",
    "The consequences for {place} could be profound and irreversible.",
    "Analysts suggest the episode will shape the next election.",
    "Undoubtedly, this marks a turning point for {place}.",
    "Make no mistake: {people} will remember {event}.",
    "By all accounts, {thing} is the most important issue in town.",
]
PLAIN = [
    "{Subject} was built in {year_old} and last renovated in {year}.",
    "The council meets again on {date} at {time} at City Hall on {street}.",
    "{Body} employs {big} people and has an annual budget of ${money_m} million.",
    "The detour adds about {n} minutes to the trip from {street} to {street2}.",
    "Voting on {plan} is set for {day}, with {n} of the {n9} members expected to attend.",
    "{Event_cap} began on {date}, shortly after {time}.",
    "Rates rose {pct} last year, to ${rate} a month for a typical household.",
    "The report runs to {n3} pages and lists {n} recommendations.",
    "{Company} employs about {big} people in the region.",
    "Meetings are held at the old courthouse at No. 2 {street}.",
]
QUOTE_LINES = [
    "We were told one thing in {month} and another thing in {month2}. That is not how you run a city.",
    "Nobody is pretending this is easy. But we owe people a straight answer.",
    "If the money is not there, we may have to make some very hard choices.",
    "I have lived on {street} for {n2} years and I have never seen anything like this.",
    "The data we have seen does not support that claim.",
]
HEADINGS = ["What happens next", "The money", "Who knew what", "On {street}", "A vote in {month}",
            "The numbers", "Reaction", "Background", "What residents want", "The timeline"]
LIST_ITEMS = ["a firm date to {action};", "a public copy of the {year} inspection;",
              "${money_k},000 set aside for {measure};", "a hotline for {people};",
              "an independent review of {plan};", "weekly updates from {body_short_the};",
              "a meeting with {P} before {date};"]
ENDINGS = [
    "{Body} said it would publish its next update on {date}.",
    "The council is expected to vote on {day} on about ${money_m} million in emergency funding, which officials said would likely pass.",
    "{S} said {he} would hold another briefing on {day} at {time}.",
    "A hearing is scheduled for {date}; it is open to the public.",
    "{Outlet_cap} was unable to reach {company_short} for comment.",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DAY = date(2024, 1, 1)


@dataclass(frozen=True)
class Person:
    """A cast member: title, name, pronoun and a description for appositives."""

    title: str
    first: str
    last: str
    pronoun: str
    description: str


@dataclass
class Story:
    """One article's fixed choices (place, topic, cast) and the person named last."""

    rng: random.Random
    place: str
    topic: dict
    cast: list[Person]
    outlet: str
    company: str
    last: Person
    topic_street: str
    quoted: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)


class Slots(dict):
    """A template's fill-ins, each drawn on first use so that a sentence pays only for its keys."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story

    def __missing__(self, key: str) -> str:
        value = fill(self.story, key, self)
        self[key] = value
        return value


def cap(text: str) -> str:
    """The text with its first letter capitalized."""
    return text[:1].upper() + text[1:]


def topic_text(story: Story, name: str) -> str:
    """A topic phrase, with the story's place and a street put in."""
    return story.topic[name].format(place=story.place, street_name=story.topic_street)


def fill(story: Story, key: str, slots: Slots) -> str:
    """The value of one template key."""
    rng, topic = story.rng, story.topic
    if key.endswith("_cap"):
        return cap(slots[key[:-4].lower()])
    if key[0].isupper() and key not in ("P", "Papp", "S", "He", "His", "Body"):
        return cap(slots[key.lower()])
    if key in ("P", "Papp"):
        person = rng.choice(story.cast)
        story.last = person
        if key == "Papp" or person.last in story.quoted and rng.random() < 0.5:
            return f"{person.first} {person.last}, {person.description},"
        story.quoted.add(person.last)
        return f"{person.title} {person.first} {person.last}"
    if key == "surname":
        return story.cast[0].last
    if key == "S":
        return story.last.last
    if key in ("he", "He"):
        word = story.last.pronoun
        return cap(word) if key == "He" else word
    if key in ("his", "His"):
        word = "her" if story.last.pronoun == "she" else "his"
        return cap(word) if key == "His" else word
    if key in ("body", "Body"):
        return ("the " if key == "body" else "The ") + topic_text(story, "body")
    if key == "body_short_the":
        return "the " + topic["body_short"]
    if key in topic:
        return topic_text(story, key)
    if key == "first2":
        return rng.choice(FIRST_NAMES["she"] + FIRST_NAMES["he"])
    if key == "last2":
        return rng.choice(SURNAMES)
    if key == "place":
        return story.place
    if key == "outlet":
        return story.outlet
    if key == "company":
        return story.company
    if key == "company_short":
        return story.company.split()[0]
    if key == "anon":
        return rng.choice(ANON_GROUPS).format(body_short=topic["body_short"])
    if key == "anon1":
        return rng.choice(ANON_ONE).format(body_short=topic["body_short"],
                                           company_short=story.company.split()[0])
    if key in ("street", "street2"):
        return rng.choice(STREETS)
    if key in ("day",):
        return rng.choice(DAYS)
    if key in ("month", "month2"):
        return rng.choice(MONTHS)
    if key == "date":
        return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
    if key == "time":
        hour = rng.randint(7, 20)
        minutes = rng.choice(["00", "15", "30", "45"])
        return f"{hour if hour <= 12 else hour - 12}:{minutes} {'a.m.' if hour < 12 else 'p.m.'}"
    if key in ("year", "year2"):
        return str(rng.randint(2012, 2025))
    if key == "year_old":
        return str(rng.randint(1921, 1988))
    if key in ("n", "n2"):
        return str(rng.randint(2, 40))
    if key == "n9":
        return str(rng.randint(7, 15))
    if key == "n3":
        return str(rng.randint(40, 400))
    if key == "big":
        return f"{rng.randint(120, 48000):,}"
    if key == "pct":
        value = rng.choice([f"{rng.randint(2, 60)}", f"{rng.randint(2, 60)}.{rng.randint(1, 9)}"])
        return value + rng.choice(["%", " percent"])
    if key == "money_m":
        return f"{rng.randint(1, 95)}.{rng.randint(0, 9)}"
    if key == "money_k":
        return str(rng.randint(40, 950))
    if key == "per_head":
        return f"{rng.randint(12, 480)}"
    if key == "rate":
        return f"{rng.randint(30, 140)}.{rng.randint(10, 99)}"
    raise KeyError(key)


def render(template: str, story: Story) -> str:
    """One template filled in, with the doubled stops and commas of appositives tidied."""
    text = template.format_map(Slots(story))
    return text.replace(",,", ",").replace(",.", ".").replace("..", ".")


def pick(story: Story, family: list[str]) -> str:
    """A template of the family not yet used in this article (any one when all have been)."""
    fresh = [template for template in family if template not in story.used]
    choice = story.rng.choice(fresh or family)
    story.used.add(choice)
    return choice


def new_story(rng: random.Random) -> Story:
    """The fixed choices of one article."""
    place = rng.choice(PLACES)
    cast = []
    size = rng.randint(2, 4)
    for role, surname in zip(rng.sample(ROLES, size), rng.sample(SURNAMES, size)):
        pronoun = rng.choice(["she", "he"])
        cast.append(Person(role[0], rng.choice(FIRST_NAMES[pronoun]), surname, pronoun, role[1]))
    return Story(rng=rng, place=place, topic=rng.choice(TOPICS), cast=cast,
                 outlet=rng.choice(OUTLETS).format(place=place), company=rng.choice(COMPANIES),
                 last=cast[0], topic_street=rng.choice(STREETS).split()[0])


# How a body paragraph is made: which template families, in what order.
PARAGRAPH_SHAPES = [
    (PERSON, FOLLOW, HEDGED), (ANON, HEDGED, GENERAL), (PERSON, FOLLOW, FOLLOW, PLAIN),
    (PLAIN, ORG, ANON), (GENERAL, ANON, HEDGED, PLAIN), (ORG, PERSON, FOLLOW),
    (ANON, PERSON, FOLLOW), (PLAIN, ORG, HEDGED), (PERSON, ANON, GENERAL), (ORG, HEDGED),
    (PERSON, FOLLOW), (ANON, ORG, PERSON, FOLLOW),
]


def paragraph(story: Story) -> str:
    """A paragraph of two to four sentences, or now and then a heading, list or block quote."""
    rng = story.rng
    roll = rng.random()
    if roll < 0.07:
        return "## " + render(rng.choice(HEADINGS), story)
    if roll < 0.11:
        intro = render(rng.choice(["{People_cap} told {outlet} they want:",
                                   "Among the demands put to {body_short_the}:",
                                   "The council's motion asks for:"]), story)
        items = rng.sample(LIST_ITEMS, rng.randint(2, 4))
        lines = ["- " + render(item, story) for item in items]
        lines[-1] = lines[-1].removesuffix(";") + "."
        return intro + "\n\n" + "\n".join(lines)
    if roll < 0.14:
        quote = render(rng.choice(QUOTE_LINES), story)
        return f"In a statement, {render('{P}', story)} wrote:\n\n> {quote}"
    shape = rng.choice(PARAGRAPH_SHAPES)
    return " ".join(render(pick(story, family), story) for family in shape)


def article(index: int, seed: int) -> dict:
    """Article ``index`` (from 1): its title, metadata and Markdown body."""
    rng = random.Random(f"{seed}:{index}")
    story = new_story(rng)
    target = round(rng.triangular(390, 1140, 640))  # about 750 words once the last paragraph is added
    blocks = [render(pick(story, LEDES), story)]
    words = len(blocks[0].split())
    while words < target - 15:
        block = paragraph(story)
        if block.startswith("##") and blocks[-1].startswith("##"):
            continue
        blocks.append(block)
        words += len(block.split())
    if blocks[-1].startswith("##"):
        blocks.pop()
    blocks.append(render(pick(story, ENDINGS), story))
    title = render(rng.choice(HEADLINES), story)
    day = FIRST_DAY + timedelta(days=rng.randrange(730))
    tags = [story.place.lower()] + rng.sample(story.topic["tags"], rng.randint(1, len(story.topic["tags"])))
    author = None if rng.random() < 0.15 else f"{rng.choice(FIRST_NAMES[rng.choice(['she', 'he'])])} {rng.choice(SURNAMES)}"
    slug_words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-").split("-")[:6]
    return dict(
        slug=f"{index:04d}-" + "-".join(slug_words),
        title=title,
        outlet=story.outlet.removeprefix("the ") + " (fictional)",
        author=author,
        date=day,
        time=f"{rng.randint(6, 21):02d}:{rng.choice(['00', '10', '25', '40', '55'])}",
        category=story.topic["category"],
        tags=tags,
        body="\n\n".join(blocks) + "\n",
    )


def as_reportgen(item: dict) -> str:
    """The article as Markdown with YAML front matter."""
    lines = ["---", f"title: {json.dumps(item['title'], ensure_ascii=False)}",
             f"outlet: {json.dumps(item['outlet'], ensure_ascii=False)}"]
    if item["author"]:
        lines.append(f"author: {json.dumps(item['author'], ensure_ascii=False)}")
    lines += [f"date: {item['date'].isoformat()}", f"tags: [{', '.join(item['tags'])}, fictional]",
              "fictional: true", "---", "", item["body"]]
    return "\n".join(lines)


def as_pelican(item: dict) -> str:
    """The article as Markdown with Pelican's metadata header lines."""
    lines = [f"Title: {item['title']}", f"Date: {item['date'].isoformat()} {item['time']}",
             f"Category: {item['category']}", f"Tags: {', '.join(item['tags'])}, fictional"]
    if item["author"]:
        lines.append(f"Author: {item['author']}")
    lines += [f"Slug: {item['slug']}", "", item["body"]]
    return "\n".join(lines)


def write_corpus(count: int, folder: Path, seed: int = 1, fmt: str = "reportgen") -> list[Path]:
    """Write ``count`` articles into ``folder`` (created if needed); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    render_file = as_pelican if fmt == "pelican" else as_reportgen
    paths = []
    for index in range(1, count + 1):
        item = article(index, seed)
        path = folder / f"{item['slug']}.md"
        path.write_bytes(render_file(item).encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: make_corpus.py N OUTDIR [--seed S] [--format reportgen|pelican]."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path, help="folder to write them to (created if needed)")
    parser.add_argument("--seed", type=int, default=1, help="random seed [default: 1]")
    parser.add_argument("--format", choices=("reportgen", "pelican"), default="reportgen",
                        help="front matter style [default: reportgen]")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    write_corpus(args.n, args.outdir, args.seed, args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
