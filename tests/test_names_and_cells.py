"""Two precision classes from a second set of real pages (issue 13), each fixed as a class.

1. One name per paragraph, inflected: a paragraph that names a kind of thing with a
   capitalised name whose head is plural ("Convict Cichlids") may call them by the first
   word in the plural ("Convicts will ..."); that word is the name, not a label for people.
2. A phrase does not run across a line break into another table cell, row or list item:
   text taken from tables and lists sets one cell per line without punctuation, and a
   capitalised word that starts the next line starts a new item.

The sentences are written for these tests (none comes from the pages that taught the
classes), several wordings for each, with the cases each fix must leave alone.
"""
import pytest

from hr_lint import Linter

LINTER = Linter()


def found(text, fmt="text"):
    return [(f.rule, f.text) for f in LINTER.lint_text(text, format=fmt)]


def rules(text, fmt="text"):
    return {rule for rule, _ in found(text, fmt)}


# -- 1. the plural of a name's first word is that name ----------------------------------------------

PLURAL_OF_A_NAME = [
    ("Convict Beetles bore into dead oak and rarely touch a living tree. Convicts eat the softened wood.",
     "Convicts"),
    # the shorthand first, the name after it
    ("Convicts will eat almost anything you drop in the tank. Feed your Convict Cichlids twice a day.",
     "Convicts"),
    ("Crazy Ants nest in electrical boxes along the Gulf Coast. Crazies can short out an air conditioner "
     "within a week.", "Crazies"),
    ("Junkie Bars are the oat snack the bakery sells at the farmers market. Junkies come in three flavors.",
     "Junkies"),
    ("Lunatic Moths gather at porch lights in June. Lunatics lay their eggs on walnut leaves.", "Lunatics"),
    ("Hooker Oaks line the north shore of the lake. Hookers grow slowly but live for centuries.", "Hookers"),
]


@pytest.mark.parametrize("text, word", PLURAL_OF_A_NAME)
def test_the_plural_of_a_names_first_word_is_that_name(text, word):
    assert not [t for _, t in found(text) if t == word], found(text)


STILL_PEOPLE = [
    # no name in the paragraph at all
    "Convicts built this road in 1880 and were chained in a barn at night.",
    # a singular head: a place named for people, who are still people
    "Convict Creek runs past the old quarry. Convicts dug the quarry by hand in the 1870s.",
    # a head that is something for the people the word names
    "Inmate Services handles commissary orders. Inmates may place an order twice a week.",
    "Addict Support Groups meet on Mondays in the church hall. Addicts are welcome to drop in.",
    # a longer name: its head is not the plural before 'of'
    "Convict Records of Tasmania is a searchable archive. Convicts sent there were mostly thieves.",
    # a one-word name (a surname) does not make its plural a name
    "Judge Ada Hooker ruled on the zoning case. Hookers on the avenue said the ruling moved them indoors.",
    # the plural in lower case is never the name
    "Convict Cichlids are easy to keep. Unlike them, the convicts in the county jail get no say in their diet.",
]


@pytest.mark.parametrize("text", STILL_PEOPLE)
def test_people_are_still_found_where_no_such_name_covers_them(text):
    assert rules(text) & {"inmate-felon-convict", "addict-noun", "hooker-whore"}, found(text)


def test_the_trace_names_the_name_the_plural_stands_for():
    text = "Convict Beetles bore into dead oak. Convicts eat the softened wood."
    occ = [o for o in LINTER.trace_text(text, "text") if o.finding.text == "Convicts"]
    assert len(occ) == 1 and not occ[0].reported and occ[0].stage == "name"
    assert "Convict Beetles" in occ[0].reason


# -- 2. a line break into another cell, row or list item ends the phrase ---------------------------

CELL_BREAKS = [
    # an intake form, one field per line
    ("Fields on the old intake form, one per line\nWhether the client has ever been mentally ill\n"
     "Person to contact in an emergency, with a phone number\nInsurance card and photo ID", "mentally ill\nPerson"),
    ("Referral sources we tracked last year, in no order\nRelatives and neighbours of someone mentally ill\n"
     "People's Clinic on Main Street and its night nurse\nThe school counsellor", "mentally ill\nPeople"),
    # a two-column table copied from a page: each row's cells glued, one row per line
    ("Say this insteadNot this\nSomeone living with a psychotic disorderThe mentally ill\n"
     "Patient with a diagnosis of schizophreniaA psych case", "mentally ill\nPatient"),
    ("Retired chart phrases from the 2019 template, for reference\nNoncompliant, aggressive and mentally ill\n"
     "Woman refused medication again this morning", "mentally ill\nWoman"),
]


@pytest.mark.parametrize("text, across", CELL_BREAKS)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_phrase_does_not_run_into_the_next_cell(text, across, fmt):
    assert not [t for _, t in found(text, fmt) if "\n" in t], found(text, fmt)


def test_the_shorter_phrase_still_counts_inside_its_own_line():
    text = "Say this Not this\nSomeone living with psychosis The mentally ill\nPatient with a diagnosis Psych case"
    assert ("the-mentally-ill", "The mentally ill") in found(text)


def test_a_line_break_in_html_ends_the_phrase_too():  # the HTML reader ends a block at <br>
    html = "<p>Retired chart labels<br>Frequent flyer, mentally ill<br>Patient refused care</p>"
    assert not [t for _, t in found(html, "html") if "Patient" in t], found(html, "html")


SOFT_WRAPS = [
    # prose wrapped at a line end: the next line goes on in lower case
    ("Families told us that housing for mentally ill\npeople in the county is hard to find.",
     "the-mentally-ill", "mentally ill\npeople"),
    ("The grant pays for outreach, and the rise in substance\nabuse among teens worries the board.",
     "substance-abuse", "substance\nabuse"),
    # an initialism keeps its capitals in running prose
    ("Please stop telling the front desk that you are so\nOCD about the spreadsheet colors.",
     "mental-health-metaphor", "so\nOCD"),
    # a title-case heading wrapped over two lines capitalises both sides of the break
    ("Report on Supportive Housing Options for Seriously Mentally\nIll People in Rural Counties",
     "the-mentally-ill", "Mentally\nIll People"),
]


@pytest.mark.parametrize("text, rule, across", SOFT_WRAPS)
def test_a_soft_wrapped_phrase_still_matches_across_the_line_break(text, rule, across):
    assert any(r == rule and across in t for r, t in found(text)), found(text)


def test_the_trace_says_why_a_phrase_across_cells_is_dropped():
    text = CELL_BREAKS[0][0]
    occ = [o for o in LINTER.trace_text(text, "text") if "\n" in o.finding.text]
    assert occ and all(o.stage == "layout" and not o.reported for o in occ), occ


def test_a_pdf_box_keeps_its_rows_apart_and_its_wrapped_prose_together():
    from pdfmaker import lines_page, make_pdf

    rows = ["Words we retired from the intake template this year",
            "Whether the client has ever been mentally ill",
            "Person to contact in an emergency, with a phone",
            "Families told us that housing for mentally ill",
            "people in the county is hard to find today."]
    findings = LINTER.lint_bytes(make_pdf([lines_page(rows)]), "retired.pdf")
    assert [(f.rule, f.text, f.line) for f in findings] == [("the-mentally-ill", "mentally ill\npeople", 4)]
