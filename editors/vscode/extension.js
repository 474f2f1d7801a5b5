// hr-lint for VS Code: starts `PYTHON -m hr_lint lsp` and connects VS Code's language client to it.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

const LANGUAGES = ["markdown", "html", "restructuredtext", "plaintext"];
const SERVER_SETTINGS = ["preset", "minimumSeverity", "debounce"];

let client;

/** The Python that runs the server: hr-lint.pythonPath, else the Python extension's, else python3. */
async function pythonCommand() {
  const configured = vscode.workspace.getConfiguration("hr-lint").get("pythonPath");
  if (configured) {
    return configured;
  }
  const python = vscode.extensions.getExtension("ms-python.python");
  if (python) {
    try {
      const api = python.isActive ? python.exports : await python.activate();
      const env = api && api.environments;
      if (env) {
        const active = await env.resolveEnvironment(env.getActiveEnvironmentPath());
        if (active && active.executable && active.executable.uri) {
          return active.executable.uri.fsPath;
        }
      }
    } catch (err) {
      // fall back to the interpreter on PATH
    }
  }
  return process.platform === "win32" ? "python" : "python3";
}

/** The settings the server reads (initializationOptions and workspace/configuration). */
function serverSettings() {
  const config = vscode.workspace.getConfiguration("hr-lint");
  const out = {};
  for (const key of SERVER_SETTINGS) {
    out[key] = config.get(key);
  }
  return out;
}

async function start() {
  const command = await pythonCommand();
  const serverOptions = {
    command,
    args: ["-m", "hr_lint", "lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: "hr-lint" },
    outputChannelName: "hr-lint",
  };
  client = new LanguageClient("hr-lint", "hr-lint", serverOptions, clientOptions);
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("hr-lint.restart", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("hr-lint.pythonPath")) {
        await vscode.commands.executeCommand("hr-lint.restart");
      }
    }),
  );
  try {
    await start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `hr-lint: the language server did not start (${err.message || err}). ` +
        "Install hr-lint in the Python environment (pip install hr-lint) or set hr-lint.pythonPath.",
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, pythonCommand, serverSettings, LANGUAGES };
