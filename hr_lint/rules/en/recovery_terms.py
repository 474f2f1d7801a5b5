"""Recovery vocabulary: relapse, wagon idioms, 'drug-free', enabling, codependency."""
from __future__ import annotations

from ..api import Candidate, check, sentence_span
from .lexicon import drug_context

_OTHER_DISEASE = {"cancer", "cancers", "sclerosis", "ms", "leukemia", "leukaemia", "lymphoma",
                  "myeloma", "tumor", "tumour", "tumors", "remitting", "malaria", "tuberculosis",
                  "tb", "lupus", "crohn", "crohn's", "arthritis", "infection", "infections",
                  "hepatitis", "melanoma", "carcinoma", "nephrotic", "pancreatitis", "disease-free",
                  "chemotherapy", "oncology", "transplant", "clostridioides", "c.", "diff",
                  # mental illnesses and eating disorders relapse in the clinical sense too
                  "depression", "depressive", "psychosis", "psychotic", "mania", "manic",
                  "schizophrenia", "bipolar", "anorexia", "bulimia", "eating", "ocd", "panic",
                  "episode", "episodes", "antidepressant", "antidepressants", "antipsychotic",
                  "antipsychotics", "lithium", "mood"}
_SUBSTANCE_HINT = {"drug", "drugs", "alcohol", "drinking", "opioid", "opioids", "heroin",
                   "fentanyl", "meth", "cocaine", "substance", "addiction", "use", "using",
                   "sober", "sobriety", "recovery", "methadone", "buprenorphine", "treatment",
                   "naloxone", "overdose"}


@check("relapse-substance", rules=["relapse"])
def relapse(c: Candidate) -> bool:
    """'relapse' about substance use; other diseases keep the word ('relapsing-remitting
    multiple sclerosis', 'cancer relapse', 'a depressive episode relapsed'), and so do
    'relapse-free survival' and named interventions ('relapse prevention')."""
    doc = c.doc
    k = c.start
    hi = doc[k].sent.end
    nxt = doc[k + 1].lower_ if k + 1 < hi else ""
    if nxt in {"-", "prevention"}:
        return c.reject("'relapse prevention', 'relapse-free': a named intervention or a compound")
    lo1, hi1 = sentence_span(doc, k)
    words = {t.lower_ for t in doc[lo1:hi1]}
    if words & _OTHER_DISEASE and not (words & _SUBSTANCE_HINT - {"treatment", "use", "recovery"}):
        return c.reject("about another disease (cancer, multiple sclerosis, depression...)")
    return True


_LITERAL_WAGON = {"hay", "hayride", "hayrides", "ride", "rides", "horse", "horses", "pulled",
                  "pulling", "toy", "radio", "flyer", "wheel", "wheels", "covered", "pony",
                  "farm", "tractor", "cart", "station", "loaded", "unloaded", "bumpy", "trail"}
_SLIP_LITERAL = {"ice", "icy", "stairs", "steps", "floor", "sidewalk", "snow", "mud", "puddle",
                 "paperwork", "form", "forms", "schedule", "spelling", "typo", "name", "date"}


@check("wagon-idiom", rules=["wagon-idioms"])
def wagon(c: Candidate) -> bool:
    """'on/off the wagon', 'fell off the wagon', 'slip up' about drinking or drugs; the
    suggestion follows the idiom's form ('fell' -> 'returned to use', 'on the wagon' -> 'in
    recovery'). Not literal wagons (hayrides, toy wagons), nor 'slipped up on the paperwork'
    outside talk about drinking or drugs."""
    doc = c.doc
    lo, hi = sentence_span(doc, c.start, 1)
    words = {t.lower_ for t in doc[lo:hi]}
    first = doc[c.start].lower_
    if first.startswith("slip"):
        lo0, hi0 = sentence_span(doc, c.start)
        if {t.lower_ for t in doc[lo0:hi0]} & _SLIP_LITERAL:
            return c.reject("a literal slip (ice, stairs) or a slip on paperwork")
        if not drug_context(doc, c.start, 1):
            return c.reject("'slip up' with no talk of drinking or drugs")
    elif words & _LITERAL_WAGON:
        return c.reject("a literal wagon (a hayride, a toy wagon)")
    if first in {"fell", "fallen", "slipped"}:
        c.form = "ed"
    elif first in {"falls", "slips"}:
        c.form = "s"
    elif first in {"falling", "slipping"}:
        c.form = "ing"
    elif first in {"fall", "slip"}:
        c.form = "base"
    elif first == "on":
        c.form = "singular"
    elif first == "off":
        c.form = "plural"
    return True


_DF_VERBS = {"be", "become", "becomes", "became", "becoming", "stay", "stays", "stayed",
             "staying", "remain", "remains", "remained", "remaining", "is", "are", "was", "were",
             "been", "being", "am", "'s", "\u2019s", "'re", "\u2019re", "'m", "\u2019m", "get",
             "gets", "got", "getting", "live", "lives", "lived", "living", "go", "goes", "went",
             "going", "keep", "kept", "born", "clean", "sober", "and"}
_DF_ADVERBS = {"completely", "totally", "fully", "now", "still", "finally", "entirely", "100",
               "%", "already", "truly", "really", "not", "never", "n't", "yet", "all", "both"}
_DF_NOT_AFTER = {"workplace", "workplaces", "school", "schools", "zone", "zones", "campus",
                 "pain", "washout", "period", "alternative", "alternatives", "approach",
                 "approaches", "option", "options", "management", "policy", "policies",
                 "community", "communities", "coalition", "coalitions", "act", "certification",
                 "environment", "environments", "housing", "treatment", "therapy", "zone",
                 "program", "programs", "club", "event", "events", "prom", "party", "parties",
                 "week", "month", "pledge", "interval", "formulation", "product", "products"}


@check("drug-free-person", rules=["drug-free"])
def drug_free(c: Candidate) -> bool:
    """'drug-free' of a person or a goal ('stay drug-free', 'she is finally drug-free', 'help
    clients become drug-free'); not 'drug-free workplace', 'drug-free school zone', 'drug-free
    pain management', 'drug-free washout period'."""
    doc = c.doc
    lo, hi = doc[c.start].sent.start, doc[c.start].sent.end
    nxt = doc[c.end].lower_ if c.end < hi else ""
    if nxt in _DF_NOT_AFTER:
        return c.reject("before a noun that makes it a place or a policy ('drug-free workplace', 'drug-free zone')")
    k = c.start - 1
    while k >= lo and doc[k].lower_ in _DF_ADVERBS:
        k -= 1
    if k >= lo and doc[k].lower_ in _DF_VERBS:
        return True
    return c.reject("not said of a person or a goal ('stay drug-free', 'is drug-free')")


_ENABLER_TECH = {"technology", "technologies", "growth", "innovation", "digital", "business",
                 "businesses", "strategic", "strategy", "economic", "economy", "platform",
                 "software", "infrastructure", "productivity", "transformation", "key", "major",
                 "critical", "data", "cloud", "ai", "market", "markets", "investment", "success"}
_CODEP_TECH = {"variable", "variables", "process", "processes", "module", "modules", "system",
               "systems", "task", "tasks", "component", "components", "service", "services",
               "package", "packages", "library", "libraries", "factor", "factors", "gene",
               "genes", "species", "evolution", "events", "parameters", "jobs", "builds", "steps"}


@check("enabler-addiction", rules=["enabler-codependent", "codependency"])
def enabler(c: Candidate) -> bool:
    """'enabler' only in talk about drinking, drugs or addiction ('a key enabler of growth' is
    not); 'codependent'/'codependency' not for variables, modules, processes or species."""
    doc = c.doc
    k = c.end - 1
    hi = doc[k].sent.end
    w = doc[k].lower_
    if w in {"enabler", "enablers"}:
        lo1, hi1 = sentence_span(doc, k)
        words = {t.lower_ for t in doc[lo1:hi1]}
        if words & _ENABLER_TECH:
            return c.reject("a business or technology 'enabler' ('a key enabler of growth')")
        return drug_context(doc, k, 1) or c.reject("no talk of drinking, drugs or addiction nearby")
    nxt = doc[k + 1].lower_ if k + 1 < hi else ""
    if nxt in _CODEP_TECH:
        return c.reject("a codependent variable, module, process or species")
    lo1, hi1 = sentence_span(doc, k)
    return (not ({t.lower_ for t in doc[lo1:hi1]} & (_CODEP_TECH | {"code", "python", "software"}))) or c.reject("about code, software or processes ('codependent modules')")
