/* hr-lint writer's page: the words of the page, in English and Spanish.
 *
 * The page's own words (labels, help, messages) come from here; the findings' messages and
 * suggestions come from the rules, in the language of the text. The page starts in the
 * browser's language (navigator.languages) unless the reader chose one with the menu
 * (kept in localStorage). Elements carry data-i18n (their text), data-i18n-placeholder and
 * data-i18n-label (aria-label). Same safety rule as app.js: text only, never HTML.
 */
(function () {
  "use strict";

  var WORDS = {
    en: {
      title: "hr-lint: the writer's page",
      skip: "Skip to the text box",
      sub: "the writer's page",
      lede: "Paste a draft or open a file. Stigmatizing language about drug use, mental health, suicide, " +
        "incarceration, homelessness and sex work is highlighted, with person-first alternatives you can apply " +
        "with one click, in English and Spanish. Your text stays on this computer: it is only sent to the " +
        "hr-lint server you started.",
      yourText: "Your text",
      format: "Format",
      fmtMarkdown: "Markdown", fmtText: "Plain text", fmtHtml: "HTML", fmtRst: "reStructuredText",
      policy: "Policy",
      textLanguage: "Language of the text",
      langAuto: "Detect", langEn: "English", langEs: "Spanish",
      pageLanguage: "Page language",
      openFile: "Open a file",
      openFileHint: "(.md, .html, .txt, .rst, .docx, .pdf)",
      textToCheck: "Text to check",
      placeholder: "Paste or type your draft here.",
      editorHelp: "Checked as you type. Press Tab to leave the text box.",
      whyHelp: "To ask why a word is or is not flagged, select it in the text box and press “Why is this not " +
        "flagged?”: every rule that looked at it answers in the details panel.",
      check: "Check text", copy: "Copy corrected text", download: "Download", whyButton: "Why is this not flagged?",
      findings: "Findings",
      nothingChecked: "Nothing checked yet.",
      summaryLabel: "Findings by category and severity",
      highlightHelp: "Each highlight is a stop for the Tab key. Focus or point at one to see why it was flagged; " +
        "press Enter on it to move to its alternatives, Escape to come back.",
      legend: "Legend",
      legendInfo: "(quoted speech or first person)",
      sevError: "error", sevWarning: "warning", sevInfo: "info",
      viewLabel: "Your text with highlights",
      details: "Details",
      detailsHint: "Focus or point at a highlight to see why it was flagged and what to write instead.",
      footer: "hr-lint checks words, not intentions: use your judgement. Sources for every rule are linked from " +
        "its details.",
      serverAnswered: "The server answered {status}.",
      tooLarge: "That is too large for this server.",
      cannotReach: "Cannot reach the hr-lint server. Is `hr-lint serve` still running?",
      problem: "Problem: {message}",
      fileTooBig: "Problem: {name} is {size} bytes; this server takes at most {max} bytes.",
      reading: "Reading {name}…",
      openedWord: "Opened {name} (Word). Its paragraphs are shown as plain text; formatting is not kept.",
      wordDownload: "Word files download as plain text (.txt).",
      openedPdf: "Opened {name} (PDF). The text of its pages is shown as plain text.",
      pdfDownload: "PDF files download as plain text (.txt).",
      opened: "Opened {name}.",
      took: " (checked in {ms} ms)",
      withPolicy: "{count} with the {preset} policy{took}.",
      noFindings: "No findings with the {preset} policy{took}.",
      finding: ["finding", "findings"],
      decision: ["decision", "decisions"],
      character: ["character", "characters"],
      describeAlternatives: "Alternatives: {list}. Press Enter to choose one.",
      nothingToShow: "Nothing to show.",
      flagged: "Flagged: ",
      why: "Why", alternatives: "Alternatives", sources: "Sources",
      replaceWith: "Replace “{text}” with “{alt}”",
      safeFix: "The first is a safe one-to-one replacement (hr-lint --fix uses it).",
      noReplacement: "No one-to-one replacement: rephrase the sentence around the person.",
      ruleMeta: "Rule {rule} · {category} · line {line}, column {column}",
      textChanged: "The text changed since it was checked; checking again. Choose the alternative again.",
      replaced: "Replaced “{text}” with “{alt}”. Checking again…",
      selectFirst: "Select a word or phrase in the text box first, then ask why.",
      askingWhy: "Asking why…",
      whyBefore: "Why ", whyAfter: " is or is not flagged",
      noRuleInSelection: "No rule has a term in this selection, so hr-lint does not look at it with the {preset} policy.",
      verdictFlagged: "Flagged ({severity}).",
      verdictNot: "Not flagged: {why}.",
      decisionsAbout: "{count} about “{selected}”: {flagged} flagged, {not} not.",
      noRuleIn: "No rule has a term in “{selected}”.",
      copied: "Copied the corrected text ({count}).",
      couldNotCopy: "Could not copy: the text is selected in the text box, press Ctrl+C (or ⌘C).",
      downloaded: "Downloaded {name}.",
      stages: {
        layout: "the phrase runs into another table cell, row or list item",
        context: "its neighbouring words rule it out",
        name: "it is part of a name",
        check: "another sense of the word",
        model: "the sense model reads it as another sense or a name",
        allow: "it is on this policy's allow list",
        negation: "a negated statement",
        voice: "mentioned as a word, quoted, or said of oneself",
        overlap: "a longer phrase is flagged instead",
        selection: "this policy does not check this rule",
        suppression: "an hr-lint comment turns it off"
      },
      severity: { error: "error", warning: "warning", info: "info" },
      severityPlural: { error: "errors", warning: "warnings", info: "info" },
      categories: {}
    },
    es: {
      title: "hr-lint: la página de redacción",
      skip: "Ir al cuadro de texto",
      sub: "la página de redacción",
      lede: "Pegue un borrador o abra un archivo. Se resalta el lenguaje que estigmatiza el consumo de drogas, la " +
        "salud mental, el suicidio, la cárcel, la falta de hogar y el trabajo sexual, con alternativas que ponen " +
        "primero a la persona y que puede aplicar con un clic, en español y en inglés. Su texto se queda en esta " +
        "computadora: solo se envía al servidor de hr-lint que usted inició.",
      yourText: "Su texto",
      format: "Formato",
      fmtMarkdown: "Markdown", fmtText: "Texto sin formato", fmtHtml: "HTML", fmtRst: "reStructuredText",
      policy: "Política",
      textLanguage: "Idioma del texto",
      langAuto: "Detectar", langEn: "Inglés", langEs: "Español",
      pageLanguage: "Idioma de la página",
      openFile: "Abrir un archivo",
      openFileHint: "(.md, .html, .txt, .rst, .docx, .pdf)",
      textToCheck: "Texto para revisar",
      placeholder: "Pegue o escriba aquí su borrador.",
      editorHelp: "Se revisa mientras escribe. Pulse Tab para salir del cuadro de texto.",
      whyHelp: "Para saber por qué una palabra se marca o no, selecciónela en el cuadro de texto y pulse «¿Por qué " +
        "no se marca?»: cada regla que la miró responde en el panel de detalles.",
      check: "Revisar el texto", copy: "Copiar el texto corregido", download: "Descargar",
      whyButton: "¿Por qué no se marca?",
      findings: "Hallazgos",
      nothingChecked: "Todavía no se ha revisado nada.",
      summaryLabel: "Hallazgos por categoría y gravedad",
      highlightHelp: "Cada resaltado es una parada de la tecla Tab. Enfoque o señale uno para ver por qué se marcó; " +
        "pulse Intro para ir a sus alternativas y Escape para volver.",
      legend: "Leyenda",
      legendInfo: "(cita o primera persona)",
      sevError: "error", sevWarning: "advertencia", sevInfo: "info",
      viewLabel: "Su texto con resaltados",
      details: "Detalles",
      detailsHint: "Enfoque o señale un resaltado para ver por qué se marcó y qué escribir en su lugar.",
      footer: "hr-lint revisa palabras, no intenciones: use su criterio. Las fuentes de cada regla están enlazadas " +
        "en sus detalles.",
      serverAnswered: "El servidor respondió {status}.",
      tooLarge: "Es demasiado grande para este servidor.",
      cannotReach: "No se puede conectar con el servidor de hr-lint. ¿Sigue en marcha `hr-lint serve`?",
      problem: "Problema: {message}",
      fileTooBig: "Problema: {name} tiene {size} bytes; este servidor acepta como máximo {max} bytes.",
      reading: "Leyendo {name}…",
      openedWord: "Se abrió {name} (Word). Sus párrafos se muestran como texto sin formato; el formato no se conserva.",
      wordDownload: "Los archivos de Word se descargan como texto sin formato (.txt).",
      openedPdf: "Se abrió {name} (PDF). El texto de sus páginas se muestra como texto sin formato.",
      pdfDownload: "Los archivos PDF se descargan como texto sin formato (.txt).",
      opened: "Se abrió {name}.",
      took: " (revisado en {ms} ms)",
      withPolicy: "{count} con la política {preset}{took}.",
      noFindings: "Ningún hallazgo con la política {preset}{took}.",
      finding: ["hallazgo", "hallazgos"],
      decision: ["decisión", "decisiones"],
      character: ["carácter", "caracteres"],
      describeAlternatives: "Alternativas: {list}. Pulse Intro para elegir una.",
      nothingToShow: "Nada que mostrar.",
      flagged: "Marcado: ",
      why: "Por qué", alternatives: "Alternativas", sources: "Fuentes",
      replaceWith: "Reemplazar «{text}» por «{alt}»",
      safeFix: "La primera es un reemplazo seguro, palabra por palabra (el que usa hr-lint --fix).",
      noReplacement: "No hay un reemplazo directo: reformule la frase poniendo primero a la persona.",
      ruleMeta: "Regla {rule} · {category} · línea {line}, columna {column}",
      textChanged: "El texto cambió desde la última revisión; se revisa de nuevo. Elija otra vez la alternativa.",
      replaced: "Se reemplazó «{text}» por «{alt}». Revisando de nuevo…",
      selectFirst: "Primero seleccione una palabra o frase en el cuadro de texto; luego pregunte por qué.",
      askingWhy: "Preguntando por qué…",
      whyBefore: "Por qué ", whyAfter: " se marca o no",
      noRuleInSelection: "Ninguna regla tiene un término en esta selección, así que hr-lint no la revisa con la " +
        "política {preset}.",
      verdictFlagged: "Marcado ({severity}).",
      verdictNot: "No marcado: {why}.",
      decisionsAbout: "{count} sobre «{selected}»: {flagged} marcadas, {not} no.",
      noRuleIn: "Ninguna regla tiene un término en «{selected}».",
      copied: "Se copió el texto corregido ({count}).",
      couldNotCopy: "No se pudo copiar: el texto está seleccionado en el cuadro, pulse Ctrl+C (o ⌘C).",
      downloaded: "Se descargó {name}.",
      stages: {
        layout: "la frase pasa a otra celda de tabla, otra fila u otro elemento de lista",
        context: "las palabras de alrededor lo descartan",
        name: "es parte de un nombre",
        check: "la palabra tiene otro sentido",
        model: "el modelo de sentidos lo lee como otro sentido o un nombre",
        allow: "está en la lista de permitidos de esta política",
        negation: "es una afirmación negada",
        voice: "se menciona como palabra, se cita o alguien lo dice de sí",
        overlap: "se marca en su lugar una frase más larga",
        selection: "esta política no revisa esta regla",
        suppression: "un comentario de hr-lint la desactiva"
      },
      severity: { error: "error", warning: "advertencia", info: "info" },
      severityPlural: { error: "errores", warning: "advertencias", info: "info" },
      categories: {
        "substance-use": "consumo de sustancias", "recovery": "recuperación", "treatment": "tratamiento",
        "mental-health": "salud mental", "suicide": "suicidio", "justice": "justicia", "housing": "vivienda",
        "sex-work": "trabajo sexual", "general": "general"
      }
    }
  };
  var STORE = "hr-lint-page-language";

  function choose() {
    try {
      var kept = window.localStorage.getItem(STORE);
      if (kept && WORDS[kept]) return kept;
    } catch (e) { /* storage may be off */ }
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || "").toLowerCase().split("-")[0];
      if (WORDS[code]) return code;
    }
    return "en";
  }

  var current = choose();

  function fill(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all;
    });
  }

  var I18N = {
    languages: Object.keys(WORDS),
    get language() { return current; },
    t: function (key, params) {
      var words = WORDS[current];
      var value = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : WORDS.en[key];
      return fill(value === undefined ? key : value, params);
    },
    count: function (n, key) {
      var forms = WORDS[current][key] || WORDS.en[key];
      return n + " " + (n === 1 ? forms[0] : forms[1]);
    },
    stage: function (stage) { return WORDS[current].stages[stage] || stage; },
    severity: function (s) { return WORDS[current].severity[s] || s; },
    severityCount: function (n, s) {
      return n + " " + (n === 1 ? (WORDS[current].severity[s] || s) : (WORDS[current].severityPlural[s] || s));
    },
    category: function (c) { return WORDS[current].categories[c] || c; },
    apply: function (root) {
      root = root || document;
      document.documentElement.lang = current;
      document.title = WORDS[current].title;
      root.querySelectorAll("[data-i18n]").forEach(function (node) {
        node.textContent = I18N.t(node.getAttribute("data-i18n"));
      });
      root.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
        node.setAttribute("placeholder", I18N.t(node.getAttribute("data-i18n-placeholder")));
      });
      root.querySelectorAll("[data-i18n-label]").forEach(function (node) {
        node.setAttribute("aria-label", I18N.t(node.getAttribute("data-i18n-label")));
      });
    },
    set: function (code) {
      if (!WORDS[code]) return;
      current = code;
      try { window.localStorage.setItem(STORE, code); } catch (e) { /* storage may be off */ }
      I18N.apply();
    }
  };
  window.hrLintI18n = I18N;
})();
