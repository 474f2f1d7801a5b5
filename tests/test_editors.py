"""The editor integrations: README snippets parse, and the VS Code extension starts the
server the way the README says, with settings the server accepts."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib

import pytest

from hr_lint.lsp.configs import Settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VSCODE = os.path.join(ROOT, "editors", "vscode")
ZED = os.path.join(ROOT, "editors", "zed")


def _snippets() -> list[tuple[str, str]]:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    start = readme.index("### Connecting an editor")
    section = readme[start:readme.index("\n## ", start)]
    return re.findall(r"```(\w+)\n(.*?)```", section, re.S)


def test_the_five_editors_have_a_snippet():
    languages = [lang for lang, _ in _snippets()]
    assert languages.count("lua") == 2  # Neovim 0.11+, and nvim-lspconfig's setup
    assert languages.count("toml") == 1  # Helix
    assert languages.count("json") == 2  # Zed, Sublime LSP
    assert languages.count("elisp") == 1  # Emacs eglot


def test_toml_and_json_snippets_parse_and_name_the_server():
    for lang, code in _snippets():
        if lang == "toml":
            data = tomllib.loads(code)
            server = data["language-server"]["hr-lint"]
            assert [server["command"], *server["args"]] == ["hr-lint", "lsp"]
            assert all("hr-lint" in lang_["language-servers"] for lang_ in data["language"])
            # the four formats: Helix has no plain-text language, so the snippet defines one
            assert {lang_["name"] for lang_ in data["language"]} == {"markdown", "html", "rst", "text"}
            text = next(lang_ for lang_ in data["language"] if lang_["name"] == "text")
            assert text["file-types"] == ["txt"] and text["scope"] == "text.plain"
            assert Settings().updated(server["config"])[1] == []
        elif lang == "json":
            data = json.loads(code)
            if "clients" in data:  # Sublime LSP
                client = data["clients"]["hr-lint"]
                assert client["command"] == ["hr-lint", "lsp"]
                assert Settings().updated(client["initializationOptions"])[1] == []
            else:  # Zed
                server = data["lsp"]["hr-lint"]
                assert server["binary"]["arguments"] == ["lsp"]
                assert Settings().updated(server["initialization_options"])[1] == []


@pytest.mark.skipif(shutil.which("luac") is None and shutil.which("luac5.4") is None, reason="luac is not installed")
def test_lua_snippets_parse(tmp_path):
    luac = shutil.which("luac") or shutil.which("luac5.4")
    for i, (lang, code) in enumerate(_snippets()):
        if lang == "lua":
            path = tmp_path / f"snippet{i}.lua"
            path.write_text(code, encoding="utf-8")
            result = subprocess.run([luac, "-p", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stderr
            assert '"hr-lint", "lsp"' in code


def _read_all_forms(code: str) -> None:
    """A small reader for the Emacs Lisp the snippet uses: balanced lists, strings,
    quotes, keywords and dotted pairs (used when Emacs itself is not installed)."""
    depth, i, n = 0, 0, len(code)
    while i < n:
        ch = code[i]
        if ch == ";":
            i = code.find("\n", i) if "\n" in code[i:] else n
            continue
        if ch == '"':
            i += 1
            while i < n and code[i] != '"':
                i += 2 if code[i] == "\\" else 1
            assert i < n, "unterminated string"
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            assert depth >= 0, "unbalanced )"
        i += 1
    assert depth == 0, "unbalanced ("


def test_emacs_lisp_snippet_reads(tmp_path):
    (code,) = [c for lang, c in _snippets() if lang == "elisp"]
    assert '"hr-lint" "lsp"' in code
    _read_all_forms(code)
    emacs = shutil.which("emacs")
    if emacs:
        path = tmp_path / "snippet.el"
        path.write_text(code, encoding="utf-8")
        reader = ("(with-temp-buffer (insert-file-contents (car command-line-args-left))"
                  " (goto-char (point-min)) (let ((n 0)) (condition-case nil (while t (read (current-buffer))"
                  " (setq n (1+ n))) (end-of-file (princ n)))))")
        result = subprocess.run([emacs, "--batch", "-Q", "--eval", reader, str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and result.stdout.strip() == "1", result.stderr


# -- VS Code ------------------------------------------------------------------------------------------

def _package():
    with open(os.path.join(VSCODE, "package.json"), encoding="utf-8") as fh:
        return json.load(fh)


def test_vscode_settings_are_what_the_server_reads():
    package = _package()
    properties = package["contributes"]["configuration"]["properties"]
    # what VS Code sends for the "hr-lint" section: every setting, nested at the dots
    section: dict = {}
    for key, spec in properties.items():
        parts = key.split(".")[1:]
        target = section
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = spec["default"]
    settings, problems = Settings().updated({"hr-lint": section})
    assert problems == []
    assert settings == Settings()  # the extension's defaults are the server's
    assert properties["hr-lint.preset"]["enum"] == ["default", "identity-first", "strict"]
    assert package["dependencies"]["vscode-languageclient"]
    assert package["main"] == "./extension.js"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_vscode_extension_starts_the_server_from_the_configured_python():
    """extension.js loaded by Node with stand-ins for the `vscode` and
    `vscode-languageclient` modules: activate() starts a client for `PYTHON -m hr_lint lsp`."""
    script = r"""
const Module = require("module");
const started = [];
const settings = {"pythonPath": "/opt/venv/bin/python", "preset": "strict", "minimumSeverity": "warning", "debounce": 80};
const vscode = {
  workspace: {
    getConfiguration: () => ({ get: (k) => settings[k] }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  commands: { registerCommand: (name) => ({ name, dispose() {} }), executeCommand: async () => {} },
  extensions: { getExtension: () => undefined },
  window: { showErrorMessage: (m) => { throw new Error(m); } },
};
class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) { Object.assign(this, { id, name, serverOptions, clientOptions }); }
  async start() { started.push(this); }
  async stop() {}
}
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return vscode;
  if (request === "vscode-languageclient/node") return { LanguageClient, TransportKind: { stdio: 0 } };
  return load.apply(this, arguments);
};
const ext = require(process.argv[1]);
(async () => {
  const context = { subscriptions: [] };
  await ext.activate(context);
  const c = started[0];
  console.log(JSON.stringify({
    command: c.serverOptions.command, args: c.serverOptions.args, transport: c.serverOptions.transport,
    selector: c.clientOptions.documentSelector, init: c.clientOptions.initializationOptions,
    section: c.clientOptions.synchronize.configurationSection, commands: context.subscriptions.map((s) => s.name),
  }));
  settings.pythonPath = "";
  console.log(JSON.stringify({ fallback: await ext.pythonCommand() }));
})().catch((e) => { console.error(e); process.exit(1); });
"""
    result = subprocess.run(["node", "-e", script, os.path.join(VSCODE, "extension.js")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["command"] == "/opt/venv/bin/python"
    assert first["args"] == ["-m", "hr_lint", "lsp"] and first["transport"] == 0
    languages = {s["language"] for s in first["selector"]}
    assert languages == {"markdown", "html", "restructuredtext", "plaintext"}
    assert {s["scheme"] for s in first["selector"]} == {"file", "untitled"}
    assert first["init"] == {"preset": "strict", "minimumSeverity": "warning", "debounce": 80}
    assert first["section"] == "hr-lint" and "hr-lint.restart" in first["commands"]
    assert second["fallback"] in ("python3", "python")
    activation = {e.split(":", 1)[1] for e in _package()["activationEvents"]}
    assert activation == languages


def test_zed_extension_manifest():
    with open(os.path.join(ZED, "extension.toml"), "rb") as fh:
        manifest = tomllib.load(fh)
    server = manifest["language_servers"]["hr-lint"]
    assert {"Markdown", "Plain Text", "HTML"} <= set(server["languages"])
    with open(os.path.join(ZED, "Cargo.toml"), "rb") as fh:
        cargo = tomllib.load(fh)
    assert cargo["lib"]["crate-type"] == ["cdylib"] and "zed_extension_api" in cargo["dependencies"]
    with open(os.path.join(ZED, "src", "lib.rs"), encoding="utf-8") as fh:
        source = fh.read()
    assert 'const SERVER: &str = "hr-lint";' in source and 'vec!["lsp".to_string()]' in source
    rustfmt = shutil.which("rustfmt")
    if rustfmt:  # parses the Rust (the crate itself needs crates.io to build)
        result = subprocess.run([rustfmt, "--edition", "2021", "--check", os.path.join(ZED, "src", "lib.rs")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
