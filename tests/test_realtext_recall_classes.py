"""Recall classes from a second set of real pages (issue 13), fixed as classes.

Sentences written for these tests: a generic term in a heading is prose, not a name; bare
'users' where a named drug is smoked, injected or taken; bare 'hooked' said of a person
after a drug is named. Each with the benign senses that must stay quiet.
"""
import pytest

from hr_lint import Linter

LINTER = Linter()


def found(text, fmt="text"):
    return [(f.rule, f.text) for f in LINTER.lint_text(text, format=fmt)]


def rules(text, fmt="text"):
    return {rule for rule, _ in found(text, fmt)}


# -- a generic term in a heading is prose --------------------------------------------------------

@pytest.mark.parametrize("text, fmt", [
    ("What is Substance Abuse?\nIt is a term many clinics still use.\n", "text"),
    ("How do I Spot Drug Abuse?\nLook for changes in sleep and mood.\n", "text"),
    ("Why is Alcohol Abuse so Hard to Talk About?\n\nFamilies often stay silent.\n", "text"),
    ("Understanding Drug Abuse\n\nThis page explains the basics.\n", "text"),
    ("Warning Signs of Alcohol Abuse\nChanges at work can be an early sign.\n", "text"),
    ("# What is Substance Abuse?\n\nSome clinics still say it.\n", "markdown"),
    ("<h2>What is Substance Abuse?</h2><p>Some clinics still say it.</p>", "html"),
])
def test_a_generic_term_in_a_heading_is_reported(text, fmt):
    assert "substance-abuse" in rules(text, fmt), found(text, fmt)


@pytest.mark.parametrize("text", [
    "What is the County Substance Abuse Prevention Council?\nIt meets on Tuesdays.\n",
    "Who funds the Substance Abuse and Mental Health Services Administration?\nCongress does.\n",
    "What does the National Institute on Drug Abuse study?\nMany things.\n",
    "Where is the Riverbend Valley Substance Abuse office?\nOn Main Street.\n",
    "Is Substance Abuse Services open today?\nYes, until five.\n",
])
def test_names_in_a_question_heading_stay_names(text):
    assert "substance-abuse" not in rules(text), found(text)


def test_a_question_in_running_prose_does_not_end_the_paragraph():
    # a question with ordinary lower-case words is prose: it stays in its paragraph
    text = "Can you tell me where the Substance Abuse office moved?\nIt used to be downtown.\n"
    assert "substance-abuse" not in rules(text), found(text)


# -- bare 'users' where a named drug is taken ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "In the back rooms, users lay on mats and smoked opium until dawn.",
    "Outreach workers met users who inject heroin behind the station.",
    "The den was a place for the smoking of opium, where users rested on wooden platforms.",
    "Some users snorted cocaine in the club's restroom.",
    "By the 1890s, users bought morphine at any pharmacy counter.",
])
def test_users_who_take_a_named_drug_are_reported(text):
    assert "user-noun" in rules(text), found(text)


@pytest.mark.parametrize("text", [
    "App users smoked opium in the game's story mode.",
    "Users who smoked opium in the game can log in to their account to save progress.",
    "Users can install the plugin on any platform.",
    "Users of the library borrowed books about the opium trade.",
    "Most users took the survey online.",
    "Users take the medication with food, as the label says.",
    "Users who inject insulin should rotate sites.",
])
def test_users_of_software_or_medicine_stay_quiet(text):
    assert "user-noun" not in rules(text), found(text)


# -- bare 'hooked' said of a person, a drug named before ------------------------------------------

@pytest.mark.parametrize("text", [
    "He tried fentanyl at a concert. Within months he was hooked.",
    "She started smoking meth with coworkers. By summer she was completely hooked.",
    "My nephew experimented with the drug in college. By the time he graduated he was hooked.",
    "Heroin was everywhere in town. Dad got hooked, and the family moved.",
    "Her doctor prescribed oxycodone after the crash, and she was quickly hooked.",
])
def test_hooked_said_of_a_person_after_a_drug_is_reported(text):
    assert ("hooked-on", "hooked") in found(text), found(text)


@pytest.mark.parametrize("text", [
    "He cast near the rocks. Within a minute the fish was hooked.",
    "We set up the heroin awareness booth. He hooked up the cable after lunch.",
    "She watched a drama about opioid dealers and got hooked on the show.",
    "He took aspirin for his headache and hooked a trout at dawn.",
    "The cable was hooked to the speaker.",
    "I read one chapter and was hooked.",
    "He was hooked by the first episode.",
])
def test_other_senses_of_hooked_stay_quiet(text):
    assert "hooked-on" not in rules(text), found(text)


def test_bare_hooked_suggests_a_word_that_fits_without_an_object():
    (f,) = [f for f in LINTER.lint_text("He tried heroin at a party. Within a year he was hooked.",
                                        format="text") if f.rule == "hooked-on"]
    assert f.suggestions[0] == "addicted"
