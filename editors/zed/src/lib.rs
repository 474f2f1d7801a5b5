//! Zed starts `hr-lint lsp` for Markdown, plain text and HTML buffers.
//!
//! The command is `lsp.hr-lint.binary` from Zed's settings when set, else `hr-lint` found
//! on the worktree's PATH. `lsp.hr-lint.initialization_options` and `lsp.hr-lint.settings`
//! (preset, minimumSeverity, debounce) are passed to the server.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "hr-lint";

struct HrLint;

impl zed::Extension for HrLint {
    fn new() -> Self {
        HrLint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let env = worktree.shell_env();
        if let Some(path) = binary.as_ref().and_then(|b| b.path.clone()) {
            let args = binary
                .and_then(|b| b.arguments)
                .unwrap_or_else(|| vec!["lsp".to_string()]);
            return Ok(zed::Command {
                command: path,
                args,
                env,
            });
        }
        let command = worktree.which(SERVER).ok_or_else(|| {
            "hr-lint is not on PATH: install it (pip install hr-lint) or set lsp.hr-lint.binary.path".to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".to_string()],
            env,
        })
    }

    fn language_server_initialization_options(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|settings| settings.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(SERVER, worktree)
            .ok()
            .and_then(|settings| settings.settings))
    }
}

zed::register_extension!(HrLint);
