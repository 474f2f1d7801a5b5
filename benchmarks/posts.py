#!/usr/bin/env python3
"""A deterministic stream of short social-media posts for the moderation benchmark.

    python benchmarks/posts.py [--count 200000] [--seed 15] > posts.jsonl

Every sentence is written for this project. Posts are about 200 characters: one sentence
that sets the post's kind, then everyday sentences until the post is long enough. In
every ten posts, in a shuffled order: one holds a stigmatizing term (10%), two a benign
word that the file gate must look at (20%: "clean the kitchen", "app users", "child abuse
prevention"), seven neither. The same count and seed give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import random
import sys

NAMES = ["Rosa", "Dev", "Marcus", "Aiyana", "Tomas", "Keisha", "Liam", "Mei", "Omar", "Grace", "Jorge", "Priya"]
NAMES2 = ["Sam", "Lena", "Andre", "Nadia", "Walt", "Ivy", "Hector", "June"]
PLACES = ["Elm Street", "the Riverside branch", "Fifth and Main", "the old fire hall", "Harbor Road",
          "the east clinic", "Lincoln Park", "the Maple Avenue church"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIMES = ["nine", "ten", "eleven", "one", "two", "four"]

NEUTRAL = [
    "The food pantry on {place} opens at {time} on {day} this week.",
    "Thank you to the {n} volunteers who painted the hallway at the drop-in center.",
    "Our peer group meets every {day} evening in the library annex.",
    "{name} shared a recipe for lentil soup that everyone asked about.",
    "Bus route 14 is detoured around {place} until the end of the month.",
    "We still have winter coats in small and medium, ask at the front desk.",
    "The garden club planted tomatoes and beans along the fence behind {place}.",
    "Free flu shots are available at {place} from {time} until noon.",
    "Please sign in when you arrive so we know how many chairs to set out.",
    "{name} will lead a walking group around the lake on {day} morning.",
    "Childcare is available during the parenting class, bring snacks if you can.",
    "The phone line was down yesterday afternoon and is working again now.",
    "Congratulations to {name} on finishing a first semester at the community college.",
    "Our new hours start next {day}: we open an hour earlier and close at six.",
    "If you need a ride to an appointment, call the front desk a day ahead.",
    "The art group is hanging their paintings in the lobby this week.",
    "Bring a friend to movie night on {day}; the popcorn is on us.",
    "{name} fixed the leaky sink in the break room, thank you!",
    "The library has a new shelf of large-print books near the entrance.",
    "We are collecting socks, toothbrushes and bus passes for the outreach van.",
    "The heat will be off for maintenance on {day} between eight and ten.",
    "Job fair at {place} on {day}: bring a copy of your resume if you have one.",
    "Our housing navigator keeps office hours every {day} after lunch.",
    "Storm warning tonight, so the warming center at {place} stays open late.",
    "The potluck sign-up sheet is on the fridge door.",
    "{name} and {name2} ran the bake sale and raised {n} dollars for the van.",
    "Yoga in the park is off if it rains; check back here in the morning.",
    "The benefits workshop covers renewing food assistance online.",
    "Parking behind the building is free after five on weekdays.",
    "The choir will sing three songs at the {day} open house.",
]

BENIGN = [
    "We spent {day} helping clean the kitchen at {place} before the dinner.",
    "Please keep the shared fridge clean and put a date on your leftovers.",
    "The dirty dishes from the potluck are soaking in the big sink.",
    "App users can now book a visit from their phone in two taps.",
    "Library users asked for longer hours on weekends.",
    "Our child abuse prevention training is open to all parents on {day}.",
    "Alcoholic beverages are not allowed at the picnic in {place}.",
    "{name} gave a clean, clear talk on making a monthly budget.",
    "The printer keeps failing, so bring your forms already printed.",
    "The old boiler failed its inspection, and a new one arrives {day}.",
    "Staff users of the scheduling system should reset their passwords.",
    "Wipe the tables clean after the craft session, the glitter gets everywhere.",
]

STIGMA = [
    "Our outreach team talked with two addicts near {place} last night.",
    "{name} has been clean for two years and now helps run the {day} group.",
    "Another junkie was sleeping in the doorway on {place} this morning.",
    "The panel on substance abuse starts at {time} in the main hall.",
    "His urine test came back dirty, so the judge extended his program.",
    "A man from the neighborhood committed suicide last week; his family asks for privacy.",
    "The new shelter policy turns away the mentally ill, and we think that is wrong.",
    "The city needs a better plan for the homeless who sleep near {place}.",
    "Two prostitutes were arrested behind the motel on {place}.",
    "The former inmate who started our garden now mentors new volunteers.",
    "He failed treatment twice before this program finally worked for him.",
    "Our neighbor is a schizophrenic who paints murals for the {day} market.",
    "Drug abusers get the same welcome as anyone else at our front desk.",
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(name=rng.choice(NAMES), name2=rng.choice(NAMES2), place=rng.choice(PLACES),
                           day=rng.choice(DAYS), time=rng.choice(TIMES), n=rng.randint(3, 90))


def post(kind: str, rng: random.Random, target: int = 200) -> str:
    lead = {"stigma": STIGMA, "benign": BENIGN, "neutral": NEUTRAL}[kind]
    first = rng.choice(lead)
    sentences = [_fill(first, rng)]
    length = len(sentences[0])
    fillers = [s for s in rng.sample(NEUTRAL, 7) if s != first][:6]
    while length < target - 40 and fillers:
        sentence = _fill(fillers.pop(), rng)
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        length += len(sentence) + 1
    return " ".join(sentences)


def posts(count: int, seed: int = 15):
    """(id, kind, text) for `count` posts."""
    rng = random.Random(seed)
    kinds: list[str] = []
    for number in range(count):
        if not kinds:
            kinds = ["stigma", "benign", "benign"] + ["neutral"] * 7
            rng.shuffle(kinds)
        kind = kinds.pop()
        yield f"p{number:07d}", kind, post(kind, rng)


def write_jsonl(out, count: int, seed: int = 15) -> None:
    for pid, _, text in posts(count, seed):
        out.write(json.dumps({"id": pid, "text": text}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    write_jsonl(sys.stdout, args.count, args.seed)


if __name__ == "__main__":
    main()
