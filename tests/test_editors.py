"""The editor integrations: README snippets parse (and, where Emacs or Neovim is installed,
connect to the server from the editor itself), and the VS Code extension starts the
server the way the README says, with settings the server accepts."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
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


# -- the snippets in a real editor ---------------------------------------------------------------------
# Where the editor is installed (CI installs Emacs and eglot): it runs the README's snippet
# unchanged, starts `hr-lint lsp` from PATH and shows the server's diagnostics.

def _editor_env() -> dict:
    bin_dir = os.path.dirname(sys.executable)  # the environment's `hr-lint`
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def _project(tmp_path):
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "post.rst").write_text("Title\n=====\n\nThe addicts came.\n", encoding="utf-8")
    (project / "page.html").write_text("<p>We met addicts.</p>\n", encoding="utf-8")
    (project / "notes.md").write_text("We met addicts.\nHe committed suicide.\n", encoding="utf-8")
    (project / "notes.txt").write_text("We met junkies.\n", encoding="utf-8")
    return project


def _emacs_with_eglot():
    emacs = shutil.which("emacs")
    if emacs is None or shutil.which("hr-lint", path=_editor_env()["PATH"]) is None:
        return None
    result = subprocess.run([emacs, "--batch", "--eval", "(princ (if (require 'eglot nil t) \"yes\" \"no\"))"],
                            capture_output=True, text=True, timeout=60)
    return emacs if result.stdout.strip().endswith("yes") else None


EMACS = _emacs_with_eglot()


@pytest.mark.skipif(EMACS is None, reason="Emacs with eglot is not installed")
def test_emacs_eglot_snippet_shows_diagnostics(tmp_path):
    (code,) = [c for lang, c in _snippets() if lang == "elisp"]
    (tmp_path / "snippet.el").write_text(code, encoding="utf-8")
    project = _project(tmp_path)
    script = tmp_path / "run.el"
    script.write_text(r"""
(require 'eglot)
(load-file (expand-file-name "snippet.el" (file-name-directory load-file-name)))
(dolist (name '("post.rst" "page.html"))
  (find-file name)
  ;; what eglot-ensure does after the next command (there is none in batch mode)
  (apply #'eglot (eglot--guess-contact))
  (let ((waited 0))
    (while (and (< waited 600) (null (flymake-diagnostics)))
      (accept-process-output nil 0.1)
      (setq waited (1+ waited))))
  (dolist (d (flymake-diagnostics))
    (princ (format "%s %s %d %d %s\n" name major-mode (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
                   (car (split-string (flymake-diagnostic-text d) ":"))))))
(kill-emacs 0)
""", encoding="utf-8")
    result = subprocess.run([EMACS, "--batch", "-l", str(script)], cwd=project, env=_editor_env(),
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # buffer positions count characters from 1: "The addicts" after a 13-character title
    assert "post.rst rst-mode 18 25 hr-lint [addict-noun]" in lines, result.stdout + result.stderr
    assert "page.html mhtml-mode 11 18 hr-lint [addict-noun]" in lines, result.stdout + result.stderr


def _neovim():
    nvim = shutil.which("nvim")
    if nvim is None or shutil.which("hr-lint", path=_editor_env()["PATH"]) is None:
        return None
    result = subprocess.run([nvim, "--headless", "-u", "NONE", "--cmd",
                             "lua io.stdout:write(vim.fn.has('nvim-0.11')) vim.cmd('qa!')"],
                            capture_output=True, text=True, timeout=60)
    return nvim if result.stdout.strip() == "1" else None


NVIM = _neovim()


@pytest.mark.skipif(NVIM is None, reason="Neovim 0.11 or newer is not installed")
def test_neovim_snippet_shows_diagnostics(tmp_path):
    code = next(c for lang, c in _snippets() if lang == "lua")  # the one without nvim-lspconfig
    (tmp_path / "init.lua").write_text(code, encoding="utf-8")
    project = _project(tmp_path)
    check = tmp_path / "check.lua"
    check.write_text("""
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format("%s %d:%d-%d:%d %s %s\\n", vim.bo.filetype, d.lnum, d.col, d.end_lnum, d.end_col,
                                d.source, d.code))
end
vim.cmd("qa!")
""", encoding="utf-8")
    out = []
    for name in ("notes.md", "notes.txt", "page.html", "post.rst"):
        result = subprocess.run([NVIM, "--headless", "-u", str(tmp_path / "init.lua"), "-c", f"luafile {check}", name],
                                cwd=project, env=_editor_env(), capture_output=True, text=True, timeout=120)
        out += result.stdout.splitlines()
    assert out == ["markdown 0:7-0:14 hr-lint addict-noun", "markdown 1:3-1:20 hr-lint committed-suicide",
                   "text 0:7-0:14 hr-lint junkie", "html 0:10-0:17 hr-lint addict-noun",
                   "rst 3:4-3:11 hr-lint addict-noun"], out
