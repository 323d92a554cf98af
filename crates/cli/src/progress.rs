//! A progress bar on stderr for work that may take more than a second (imports, exports).
//!
//! The bar stays hidden for its first second, so quick commands print nothing extra, and it is
//! drawn only where a spinner may be ([`crate::terminal::animate`]: stderr a terminal, no
//! `NO_COLOR`): stdout, where `--json` goes, is never touched.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its bar is shown.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A progress bar that appears once the work has run for [`SHOW_AFTER`]; cleared on drop.
#[derive(Debug)]
pub(crate) struct Progress {
    bar: ProgressBar,
    done: Option<mpsc::Sender<()>>,
    shower: Option<JoinHandle<()>>,
}

impl Progress {
    /// A spinner saying `message`, for work whose size is not known.
    pub(crate) fn spinner(message: impl Into<String>) -> Self {
        Self::start(
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            "{spinner} {msg} ({elapsed})",
            message.into(),
        )
    }

    /// A bar counting rows, for work of a known size (set with [`Progress::at`]).
    pub(crate) fn rows(message: impl Into<String>) -> Self {
        // The template's words come from the catalogue; its {placeholders} are indicatif's.
        let template = format!(
            "{{msg}} [{{bar:30}}] {{pos}}/{{len}} {} ({{eta}} {})",
            crate::i18n::t("net-progress-rows"),
            crate::i18n::t("net-progress-left")
        );
        Self::start(
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden()),
            &template,
            message.into(),
        )
    }

    fn start(bar: ProgressBar, template: &str, message: String) -> Self {
        bar.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message);
        let (done, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let shower = std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(SHOW_AFTER)
                && crate::terminal::animate()
            {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Self {
            bar,
            done: Some(done),
            shower: Some(shower),
        }
    }

    /// `done` of `total` done.
    pub(crate) fn at(&self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // Tell the waiting thread the work is over, so it never shows a finished bar.
        drop(self.done.take());
        if let Some(shower) = self.shower.take() {
            let _ = shower.join();
        }
        self.bar.finish_and_clear();
    }
}
