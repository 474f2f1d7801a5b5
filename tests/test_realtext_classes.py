"""Classes of error found on real web pages (issue 13), each fixed as a class.

The real-text set (`evaluation/realtext/`) showed where hr-lint went wrong on pages nobody
here wrote. Its sentences stay out of the repository; these are sentences written for these
tests, with other nouns, names, syntax and order, so that each test pins down the class and
not the sentence that taught it.
"""
import pytest

from hr_lint import Linter

LINTER = Linter()


def found(text, fmt="text"):
    return [(f.rule, f.text) for f in LINTER.lint_text(text, format=fmt)]


def rules(text, fmt="text"):
    return {rule for rule, _ in found(text, fmt)}


# -- names: capital letters are weak evidence, a name in the paragraph is strong -----------------

NAMES_ARE_NAMES = [
    # one name per paragraph: the surname after a given name or a title, then alone
    "Senator Ellen Hooker chaired the hearing on rural broadband. Hooker said the grant would reach every county.",
    "Hooker, the new harbor master, was hired in March; Commissioner Abel Hooker had held the job before her.",
    # a nickname in quotation marks between the title and the surname
    'Brigadier General Silas "Old Iron" Hooker crossed the river at dawn.',
    "Captain Ruth 'Red' Hooker ran the harbor patrol for a decade.",
    # software named with a label word, in a passage about virtual machines
    "Vagrant provisions a virtual machine from a base box in a few minutes.",
    "Run vagrant up to start the virtual machine, then vagrant ssh to log in.",
    "Our Vagrantfile pins the box version, and vagrant reload applies the new provisioner.",
]


@pytest.mark.parametrize("text", NAMES_ARE_NAMES)
def test_names_are_not_labels(text):
    assert not rules(text) & {"hooker-whore", "vagrant-derelict-bum"}, found(text)


CAPITALS_ARE_NOT_NAMES = [
    # title-case headings, hyphenated words and all
    ("Court-ordered Programs for Offenders", "inmate-felon-convict"),
    ("Peer-led Support for Addicts and Their Families", "addict-noun"),
    # a capitalised label before a colon that opens the line: a heading in all but layout
    ("Former Inmates: what to expect from the benefits office after release.", "inmate-felon-convict"),
    ("\u2022 Chronic Pill Users: people who take pills every day without a prescription.", "drug-user-identity"),
    # list items: each word after a bullet starts an item, even where the lines were joined
    ("Clients on the waiting list include:\n\u2022 Veteran\n\u2022 Alcoholic\n\u2022 Single parent", "alcoholic-noun"),
    ("Flags in the old intake form: \u2022 Felon \u2022 Runaway \u2022 Unemployed", "inmate-felon-convict"),
    # chart shorthand at the start of a line
    ("Known drunk per EMS, refused transport at 0200.", "drunk-noun"),
    ("Pt is a chronic drunk according to his sister.", "drunk-noun"),
    ("Crackhead per triage note, left before being seen.", "crackhead-methhead"),
    # a surname in the paragraph does not make the plural a name
    ("Mayor Dana Hooker visited the outreach van. Hookers working the strip told her they want safer housing.",
     "hooker-whore"),
    # the noun before a verb is still the noun
    ("A vagrant slept in the bus shelter all week.", "vagrant-derelict-bum"),
]


@pytest.mark.parametrize("text, rule", CAPITALS_ARE_NOT_NAMES)
def test_capitals_alone_do_not_make_a_name(text, rule):
    assert rule in rules(text), found(text)


# -- history written as history; labels given as an official category or as a period's view ------

HISTORY_AS_HISTORY = [
    "The county lunatic asylum, opened in 1869, housed six hundred patients by the turn of the century.",
    "Early asylums were built far from town on the theory that quiet air cured the mind.",
    "The old madhouse was replaced by a modern psychiatric hospital in the 1950s.",
    "Rochford Asylum admitted its first patient in 1871. Doctors at the asylum kept careful ledgers.",
    "In the 1890s, women seen as common drunks were jailed for a night.",
    "Men classified as habitual offenders could be held for years under the 1908 act.",
    "In 1890, anyone regarded as a lunatic by two doctors could be locked up.",
    "Tenants dismissed as vagrants by the council in the 1930s lost their rooms.",
]


@pytest.mark.parametrize("text", HISTORY_AS_HISTORY)
def test_history_and_attributed_labels_are_not_the_writers_labels(text):
    assert found(text) == [], found(text)


STILL_THE_WRITERS_WORDS = [
    ("Her brother should be locked away in an insane asylum, the caller said.", "asylum-institution"),
    ("He spent a year in a mental institution after the breakdown.", "asylum-institution"),
    ("In 1952 the newspaper called the hospital a loony bin.", "asylum-institution"),  # insults in any era
    ("Tenants branded vagrants by the council lost their rooms.", "vagrant-derelict-bum"),
    ("ED staff labeled him drug-seeking after one visit.", "drug-seeking"),  # the label passed on
    ("The shelter was seen as a place where addicts could rest.", "addict-noun"),
    # outside a history, reported speech and paraphrase are the writer's voice
    ("Tenants dismissed as vagrants by the council lost their rooms.", "vagrant-derelict-bum"),
    ("He was written off as a dope fiend by everyone in town.", "druggie-dope-fiend"),
]


@pytest.mark.parametrize("text, rule", STILL_THE_WRITERS_WORDS)
def test_present_day_labels_are_still_reported(text, rule):
    assert rule in rules(text), found(text)


# -- words as words: dictionary entries, cited titles, refuted beliefs -----------------------------

WORDS_AS_WORDS = [
    "suicide note (suicide notes): a message left by a person who died by suicide.",
    "junkie (junkies), n. - slang for a person who uses heroin; considered offensive.",
    "Tweaker - slang term for a person who uses methamphetamine.",
    "\u2022 Crackhead: a derogatory name for someone who smokes crack cocaine.",
    # the title of a cited work in a reference list
    "Lee, K. and Ortiz, M. (2019, May 2). Why Some Teens Start Abusing Pills. Journal of Youth Health, 4(2).",
    "Smith, J. (2011). Helping Addicts Find Work. Retrieved from the county library.",
    # a belief held up for examination, a frame refuted
    "Crime dramas feed the idea that people with psychosis are violent.",
    "Syringe services do not enable drug use; they prevent infections.",
    # users of tobacco are public-health wording
    "Teen users feel nicotine withdrawal after fewer cigarettes than adult smokers do.",
]


@pytest.mark.parametrize("text", WORDS_AS_WORDS)
def test_words_as_words_are_not_reported(text):
    assert found(text) == [], found(text)


THE_WRITERS_OWN_LABELS = [
    ("- **Needle users**: people seen at the van who inject at least weekly.", "drug-user-identity"),
    ("Substance Abuse", "substance-abuse"),  # a heading is the writer's wording
    ("Crack Addict:\n\nMost of the men we meet started with alcohol.", "addict-noun"),
    ("Addicts are welcome here: no appointment needed.", "addict-noun"),
    ("Our story. Addicts Welcome Here. That is our motto.", "addict-noun"),  # a slogan, not a citation
    ("The addict - a neighbor of ours - came back.", "addict-noun"),  # a spaced dash is no compound
    ("Users who smoke heroin and tobacco face double the risk.", "user-noun"),
]


@pytest.mark.parametrize("text, rule", THE_WRITERS_OWN_LABELS)
def test_labels_the_writer_uses_are_reported(text, rule):
    assert rule in rules(text), found(text)


# -- 'abuse' with a substance: verbs, participles, coordination, a continuum ---------------------

ABUSE_OF_A_SUBSTANCE = [
    "She had been abusing her brother's oxycodone for months.",
    "Someone who abuses synthetic cannabinoids can show up agitated.",
    "Cannabis is the most widely abused drug among teens.",
    "Of all the pills in the cabinet, oxycodone is the most commonly abused.",
    "Which medications are most often abused?",
    "Drug use and abuse rose during the pandemic.",
    "Alcohol Use & Abuse",
    "The unit treats substance dependence/abuse.",
    "The program covers compulsive drug seeking and abuse.",
    "Our drug services span everything from heavy abuse to full abstinence.",
    "Counselors talk about the line between drug use and abuse.",
]


@pytest.mark.parametrize("text", ABUSE_OF_A_SUBSTANCE)
def test_abuse_of_a_substance_is_reported(text):
    assert "substance-abuse" in rules(text), found(text)


OTHER_ABUSE = [
    "He abused his position to hire his nephew.",
    "The dog had been abused by its previous owner.",
    "Many abused children grow up around alcohol and drugs.",
    "Our groups support survivors, from emotional abuse to physical violence, with or without drug use.",
    "The drug has a high potential for abuse.",
    "Child abuse and drug use often travel together in these cases.",
    "She abused her mother and stole pills.",
]


@pytest.mark.parametrize("text", OTHER_ABUSE)
def test_other_abuse_is_not(text):
    assert "substance-abuse" not in rules(text), found(text)


# -- 'clean' as status and as equipment, in the frames real pages use -----------------------------

CLEAN_AS_STATUS_OR_EQUIPMENT = [
    ("Participants can swap used syringes for clean ones at the van.", "clean-dirty-syringes"),
    ("The program hands out clean and sterile needles.", "clean-dirty-syringes"),
    ("The machine dispenses clean, unused insulin syringes to anyone who asks.", "clean-dirty-syringes"),
    ("We offer clean supplies, naloxone and test strips at the syringe services site.", "clean-dirty-syringes"),
    ("Do I need to be clean before I can come to a meeting?", "clean-substance-status"),
    ("Do I have to be clean to get help?", "clean-substance-status"),
    ("You do not need to be clean to start treatment here.", "clean-substance-status"),
    ("Residents who stay clean for ninety days earn a weekend pass.", "clean-substance-status"),
    ("Get clean, take your meds, and show up to court.", "clean-substance-status"),
    ("Will pt stay clean x 60 days?", "clean-substance-status"),
    ("Plan: f/u if client stays clean x 2 wks.", "clean-substance-status"),
    ("The court program gives people the tools they need to stay clean.", "clean-substance-status"),
    ("Recovery coaching offers the support to stay clean after release.", "clean-substance-status"),
]


@pytest.mark.parametrize("text, rule", CLEAN_AS_STATUS_OR_EQUIPMENT)
def test_clean_as_status_or_equipment(text, rule):
    assert rule in rules(text), found(text)


def test_clean_alone_before_equipment_gets_an_adjective_for_a_suggestion():
    (f,) = LINTER.lint_text("Swap used syringes for clean ones at the van.", format="text")
    assert (f.text, f.suggestions[0], f.fix) == ("clean", "sterile", "sterile")
    (g,) = LINTER.lint_text("The van hands out clean and sterile needles.", format="text")
    assert g.suggestions[0] == "new"  # not 'sterile and sterile needles'


CLEAN_AS_CLEANING = [
    "Please leave clean towels on the shelf for the next guest.",
    "Put the dirty plates in the sink and take clean ones from the shelf.",
    "Do I need to clean the room before I check out?",
    "Kids need to stay clean and dry before bed.",
    "Those who keep the shared kitchen clean earn an extra shift.",
    "Surfaces need to stay clean between patients.",
    "The wipes help the counters stay clean.",
]


@pytest.mark.parametrize("text", CLEAN_AS_CLEANING)
def test_clean_as_cleaning_is_not_reported(text):
    assert found(text) == [], found(text)


def test_being_clean_as_a_condition_needs_a_service_in_view():
    """The rules keep 'be clean' as a condition only for help or a service. (The shipped sense
    model, which may keep a 'clean' the rules drop, does keep this sentence: a known false
    alarm of the model, measured in docs/sense-model.md's terms.)"""
    rules_only = Linter()
    rules_only.engine.sense_model = False
    assert rules_only.lint_text("Kids need to be clean before dinner.", format="text") == []
    assert [f.rule for f in rules_only.lint_text("Do I have to be clean to get help?", format="text")] == [
        "clean-substance-status"]


@pytest.mark.parametrize("text", [
    "Many abused children grow up around alcohol and drugs.",
    "Child abuse and drug use often travel together in these cases.",
    "She abused her position to get pills for her clinic.",
    "The kids stay clean and dry at the drop-in center while parents see the methadone nurse.",
])
def test_another_sense_named_outright_is_not_rescued_by_the_sense_model(text):
    """Where the text names the other sense outright, the check says so with certainty and the
    sense model may not keep the match against it."""
    assert not rules(text) & {"substance-abuse", "clean-substance-status"}, found(text)


# -- acronyms: capitals that spell a word are no sign of a name ------------------------------------

@pytest.mark.parametrize("text", [
    "Outreach workers trained IDUs in the park to carry naloxone.",
    "Hepatitis C is common among IDUs, and most of these infections are preventable.",
    "Many IVDUs reported sharing equipment last year.",
])
def test_acronym_plurals_are_labels_not_names(text):
    assert "drug-user-identity" in rules(text), found(text)


# -- 'users' whose verb or modifier fits anyone: the passage decides -------------------------------

USERS_OF_A_DRUG = [
    # a drug's effects listed item by item under its name
    "Ketamine\n\u2022 A dissociative anesthetic sold as a powder or liquid.\n\u2022 Effects begin within minutes.\n"
    "\u2022 Users experience a sense of detachment from the body.",
    "Fentanyl test strips\n\u2022 Strips detect fentanyl in a sample.\n\u2022 Users report more caution after a positive strip.",
    # an adjective that fits a user of anything, in a sentence about a drug
    "Even seasoned users cannot tell how much fentanyl is in a bag.",
    "Other users said the heroin was stronger than usual.",
]


@pytest.mark.parametrize("text", USERS_OF_A_DRUG)
def test_users_of_a_drug_with_an_everyday_verb_or_adjective(text):
    assert "user-noun" in rules(text), found(text)


@pytest.mark.parametrize("text", [
    "Experienced users can customise the editor with plugins.",
    "Advanced users may prefer the command line.",
    "Users experience design shapes every screen of our app.",
    "Users experience delays when the portal is down.",
    "Other users can see your profile.",
    # 'using' makes drug talk for drug_context, but the sentence names no drug
    "The reset command is meant for experienced users; using it runs the risk of losing data.",
    "This flag is meant for advanced users; using it runs the risk of a broken schema.",
])
def test_users_of_software_stay_quiet(text):
    assert found(text) == [], found(text)


# -- 'homeless' as a noun: after a preposition with a time after it, or with a plain verb ----------

@pytest.mark.parametrize("text", [
    "The church serves hot meals to the homeless every Sunday.",
    "The county opens cots for the homeless each winter.",
    "Most homeless fall into more than one of these groups.",
    "Many homeless spend the night on buses.",
])
def test_the_homeless_as_a_noun(text):
    assert "the-homeless" in rules(text), found(text)


@pytest.mark.parametrize("text", [
    "The homeless fall count starts at dawn.",
    "Thousands of homeless veterans sleep outside.",
])
def test_homeless_as_an_adjective(text):
    assert "the-homeless" not in rules(text), found(text)


# -- variants: the prefix 'ex' written with a space -------------------------------------------------

@pytest.mark.parametrize("text", [
    "He is an ex con who now runs the bakery.",
    "The shelter hires ex cons and pays a living wage.",
    "Several ex offenders spoke at the hearing.",
    "An ex inmate sued the county.",
])
def test_ex_with_a_space(text):
    assert "inmate-felon-convict" in rules(text), found(text)


def test_ex_con_artist_is_a_swindler():
    assert found("The pros and cons were weighed, ex con artists aside.") == []


def test_junky_after_a_discussion_of_the_word():
    text = 'The word "junky" is an older spelling.\nLater that winter the junky on our block was found in the stairwell.'
    assert [(r, t) for r, t in found(text) if t == "junky"] == [("junkie", "junky")], found(text)


# -- moralizing with drug context: habits, newborns, 'suffering from it' ----------------------------

@pytest.mark.parametrize("text, rule", [
    ("Many residents steal to support their habits.", "feed-habit"),
    ("Some people who use meth shoplift to fund their habits.", "feed-habit"),
    ("Heroin is a hard habit to shake.", "drug-habit"),
    ("He finally kicked the habit after two years on methadone.", "drug-habit"),
    ("The newborn was addicted to opioids at birth.", "addicted-baby"),
    ("Nurses say infants who are addicted to methadone cry more.", "addicted-baby"),
    ("Babies addicted to heroin need quiet rooms.", "addicted-baby"),
    ("Addiction is a disease, and those suffering from it deserve care.", "suffering-from-addiction"),
    ("Alcoholism runs in my family. My grandfather suffered from it until he died.", "suffering-from-addiction"),
    ("She got hooked on painkillers after the surgery.", "hooked-on"),
])
def test_moralizing_with_drug_context(text, rule):
    assert rule in rules(text), found(text)


@pytest.mark.parametrize("text", [
    "She took a second job to support her reading habit.",
    "Quitting smoking is a hard habit to break.",
    "Nail biting is a hard habit to break.",
    "He became addicted to opioids after surgery.",
    "She has a migraine and suffered from it all day.",
    "He lives with depression and suffers from it in winter.",
    "We caught a hooked trout near the dam.",
])
def test_ordinary_habits_adults_and_other_conditions_stay_quiet(text):
    assert not rules(text) & {"feed-habit", "drug-habit", "addicted-baby", "suffering-from-addiction",
                              "hooked-on"}, found(text)


def test_a_newborn_addicted_gets_a_word_for_word_suggestion():
    (f,) = LINTER.lint_text("The newborn was addicted to opioids at birth.", format="text")
    assert (f.text, f.suggestions[0]) == ("addicted", "exposed")


# -- 'insanity' as the name of mental illness; coordinated predicates; scare quotes ----------------

@pytest.mark.parametrize("text, rule", [
    ("Insanity strikes the minds of the poor more often, the superintendent wrote.", "insanity"),
    ("Some families still fear that insanity runs in the blood and hide relatives with mental illness.", "insanity"),
    ("Most people with schizophrenia are neither deranged nor violent.", "crazy-insane-person"),
    # a label in scare quotes, said of someone with 'is a': the writer's own label
    ("The patient is a \u201cfrequent flyer\u201d in the ER for chest pain.", "frequent-flyer"),
    ('Her son was always a "junkie" to the neighbors.', "junkie"),
])
def test_labels_in_less_common_frames(text, rule):
    assert rule in rules(text), found(text)


@pytest.mark.parametrize("text", [
    "The court found him not guilty by reason of insanity.",
    "Her lawyer said she would plead temporary insanity.",
    "Doing the same thing and expecting a new result is the definition of insanity.",
    "The holiday traffic downtown was pure insanity.",
    "I did the Insanity workout every morning.",
    # a word mentioned as a word stays a mention
    'The word "junkie" is a slur.',
    'Avoid calling anyone a "junkie".',
    '"Junkie" is an insult.',
])
def test_legal_figurative_and_mentioned_stay_quiet(text):
    assert found(text) == [], found(text)


# -- 'the user' in a sentence about drug use; reporting on suicide ---------------------------------

def test_the_user_in_a_sentence_about_drug_use():
    assert "user-noun" in rules("When heroin is cut with fentanyl, the user cannot tell the dose.")
    assert found("The user can reset the password from the settings page.") == []


def test_method_detail_in_a_news_report_quoting_a_family_tells_the_reporter_what_to_do():
    text = ('The teenager died on Sunday. "He hanged himself in the barn," his mother told the paper, '
            'asking other parents to talk with their children.')
    (f,) = LINTER.lint_text(text, format="text")
    assert (f.rule, f.severity) == ("suicide-method-detail", "info")
    # a note a reporter can act on: what to write, what to do with the family's words, where help is
    assert "died by suicide" in f.message and "paraphrase" in f.message and "988" in f.message


# -- a medication for opioid use disorder called a substitute for a drug ---------------------------

def test_a_medication_called_a_substitute_for_a_drug():
    assert "replacement-therapy" in rules(
        "If you take methadone as a substitute for another opioid, your prescriber sets the dose.")
    assert "replacement-therapy" in rules("Some relatives see buprenorphine as a substitute for another drug.")


@pytest.mark.parametrize("text", [
    "Suboxone is not a substitute for another person's support, the counselor said.",
    "Methadone clinic notes. Margarine works as a substitute for another fat in most recipes.",
])
def test_other_substitutes_stay_quiet(text):
    assert "replacement-therapy" not in rules(text), found(text)
