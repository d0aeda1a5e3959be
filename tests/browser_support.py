"""Helpers for the real-browser tests: a throwaway JupyterLab server and a few
page actions (open a notebook, run all, restart the kernel, find a quiz).

Follows /work/shared/docs/recipes.md, "A real browser against JupyterLab":
Debian's Chromium (never ``playwright install``), JupyterLab bound to 127.0.0.1 on
a free port with a token, serving a temporary copy of the course folders.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from coursekit.learner.folder import LAB_SETTINGS, LABEXTENSIONS
from coursekit.records.learner_files import LEARNER_MADE

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: The folders served to the browser (copied, never served from the repo itself).
SERVED_FOLDERS = ("notebooks", "exercises")
LESSON = "notebooks/04_goal_and_mission.ipynb"

#: Bounded waits, in milliseconds (generous for a busy 2-core machine).
TIMEOUT_MS = 30_000
KERNEL_TIMEOUT_MS = 60_000


def playwright_expect():
    """Playwright's ``expect``. Without Playwright the calling test module is skipped with the
    reason, unless COURSEKIT_REQUIRE_BROWSER=1 (CI), where the import error is raised."""
    import pytest

    try:
        from playwright.sync_api import expect
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("COURSEKIT_REQUIRE_BROWSER", "").strip() == "1":
            raise
        pytest.skip("playwright is not installed (pip install 'coursekit[test]')", allow_module_level=True)
    return expect


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLab:
    """A JupyterLab server on 127.0.0.1, serving a temporary copy of the course."""

    def __init__(self, tmp: Path):
        self.tmp = Path(tmp)
        self.root = self.tmp / "root"
        self.runtime_dir = self.tmp / "runtime"
        self.settings_dir = self.tmp / "lab-settings"
        self.workspaces_dir = self.tmp / "lab-workspaces"
        self.log_path = self.tmp / "jupyterlab.log"
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    # -- setting up -------------------------------------------------------------------
    def copy_course(self) -> None:
        self.root.mkdir(parents=True)
        for folder in SERVED_FOLDERS:
            source = REPO / folder
            if source.is_dir():
                shutil.copytree(
                    source, self.root / folder,
                    # Start as a new learner: no saved answers, no checkpoints.
                    ignore=shutil.ignore_patterns(*LEARNER_MADE),
                )

    def write_settings(self) -> None:
        # JupyterLab's settings as `coursekit lab` starts it: no news pop-up over the page, no kernel chooser.
        for plugin, values in LAB_SETTINGS.items():
            target = self.settings_dir / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        bindir = str(Path(sys.executable).parent)
        env.update({
            "PATH": bindir + os.pathsep + env.get("PATH", ""),
            "JUPYTER_RUNTIME_DIR": str(self.runtime_dir),
            "JUPYTERLAB_SETTINGS_DIR": str(self.settings_dir),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.workspaces_dir),
            # User-level config and IPython profile in the temp folder too, so nothing
            # in the home folder changes the run and nothing is written there.
            "JUPYTER_CONFIG_DIR": str(self.tmp / "jupyter-config"),
            "IPYTHONDIR": str(self.tmp / "ipython"),
            "MPLBACKEND": "Agg",
            "PYTHONUNBUFFERED": "1",
        })
        return env

    def cwd(self) -> Path:
        """The server's working folder (nbgrader reads nbgrader_config.py from there)."""
        return self.tmp

    # -- running ------------------------------------------------------------------------
    def start(self, ready_timeout: float = 90.0) -> None:
        self.copy_course()
        self.write_settings()
        for folder in (self.runtime_dir, self.workspaces_dir, self.tmp / "jupyter-config", self.tmp / "ipython"):
            folder.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}", f"--IdentityProvider.token={self.token}",
            f"--LabApp.extra_labextensions_path={LABEXTENSIONS}",  # coursekit-pages, as `coursekit lab` adds it
        ]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            cmd, cwd=self.cwd(), env=self.env(), stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode}.\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url("/api/status"), timeout=2) as response:
                    if response.status == 200:
                        json.load(response)
                        return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer /api/status within {ready_timeout:.0f} s.\n{self.log_tail()}")

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def lab_url(self, notebook: str) -> str:
        # "reset": start from an empty workspace, so notebooks opened by earlier tests on this
        # server are not restored beside this one (their cells would count in run_all's wait).
        return self.url(f"/lab/tree/{notebook}?reset")

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no JupyterLab log)"
        # Never print the token.
        text = text.replace(self.token, "<token>")
        return "JupyterLab log (last lines):\n" + "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server and its whole process group, then any kernel it left behind.

        Kernels start in their own session (jupyter_client does that), so they are not in
        the server's process group. A TERM lets the server shut them down itself; any that
        remain are found by their connection file in our private runtime folder.
        """
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            _signal_group(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                _signal_group(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc is not None:
            _signal_group(proc.pid, signal.SIGKILL)  # anything still in the group
        for pid in self.leftover_pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None

    def leftover_pids(self) -> list[int]:
        """Processes whose command line mentions our private temp folder (kernels)."""
        marker = str(self.tmp).encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in cmdline:
                found.append(int(entry.name))
        return found


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


# -- page actions --------------------------------------------------------------------------

#: The status-bar item that names the notebook's kernel and its state, e.g.
#: "Python 3 (ipykernel) | Idle". (The toolbar's execution indicator says "idle" even
#: before a kernel exists, so it alone is not a sign that the kernel is ready.)
KERNEL_STATUS = ".jp-StatusBar-TextItem[title^='Change kernel']"
KERNEL_IDLE_JS = """() => {
    const item = document.querySelector("%s");
    const indicator = document.querySelector(".jp-Notebook-ExecutionIndicator");
    return !!item && /\\|\\s*Idle\\s*$/.test(item.textContent)
        && !!indicator && indicator.dataset.status === "idle";
}""" % KERNEL_STATUS.replace('"', '\\"')

#: True when the code cells show execution counts [k], [k+1], ... [k+N-1] in order: every cell
#: ran once more, in order, and none is still pending ("[*]"). (A lesson runs itself once when it
#: opens, coursekit-pages: a Run All after that counts on from there.)
ALL_RAN_JS = """() => {
    const prompts = [...document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt")];
    const first = prompts.length ? parseInt(prompts[0].textContent.trim().slice(1), 10) : NaN;
    return prompts.length > 0 && prompts.every((p, i) => p.textContent.trim() === `[${first + i}]:`);
}"""


#: The class names of any code editor, hidden-input placeholder or In/Out prompt in sight in the notebook on
#: show (a page, as a learner sees it, has none).
CODE_IN_SIGHT_JS = """() => [...document.querySelectorAll(
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell :is(.jp-InputArea-editor, .cm-editor, .jp-InputPlaceholder),"
    + ".jp-NotebookPanel:not(.lm-mod-hidden) :is(.jp-InputPrompt, .jp-OutputPrompt)")]
    .filter(e => e.getClientRects().length > 0 && e.textContent.trim() !== "").map(e => e.className)"""


def wait_idle(page, timeout: int = KERNEL_TIMEOUT_MS) -> None:
    """Wait until the notebook's kernel exists, is connected and reports idle."""
    page.wait_for_function(KERNEL_IDLE_JS, timeout=timeout)


def shut_down_sessions(lab: JupyterLab) -> None:
    """End every notebook session (and its kernel) on the server, so a notebook opened next
    starts a new kernel whose cells count from [1] again."""
    import urllib.request

    def call(method: str, path: str):
        request = urllib.request.Request(lab.url(path), method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    for session in call("GET", "/api/sessions"):
        call("DELETE", f"/api/sessions/{session['id']}")


def open_notebook(page, lab: JupyterLab, notebook: str) -> None:
    page.goto(lab.lab_url(notebook), timeout=KERNEL_TIMEOUT_MS)
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT_MS)
    settle(page)


def settle(page) -> None:
    """A page (a lesson or exercise) runs itself when it opens (coursekit-pages): wait until it has and
    the kernel is idle, then show its code (see show_code)."""
    page.wait_for_function("""() => {
        const panel = document.querySelector(".jp-NotebookPanel");
        return !!panel && (panel.dataset.ckPage === "not-page" || panel.dataset.ckPageRun === "done");
    }""", timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    show_code(page)


def show_code(page) -> None:
    """View menu, "Expand All Code": these tests find cells by their code and read their run counts,
    which a page hides (test_browser_pages.py checks what a learner sees)."""
    if page.locator(".jp-NotebookPanel.ck-page").count():
        menu_command(page, "View", "Expand All Code")
        page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-editor").first.wait_for(timeout=TIMEOUT_MS)


def menu_command(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-item", has=page.get_by_text(menu, exact=True)).click()
    # Match the item's label alone: a menu item's accessible name also holds its shortcut.
    page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def run_all(page, timeout: int = KERNEL_TIMEOUT_MS) -> None:
    """Run menu, "Run All Cells", then wait until every code cell has run and the kernel is idle.

    Outputs from an earlier run are marked first, so a second run (after a restart, when
    the old execution counts [1]..[N] are still shown) is only done when they are all gone.
    """
    page.evaluate("() => document.querySelectorAll('.jp-OutputArea-output').forEach(e => e.dataset.ckStale = '1')")
    menu_command(page, "Run", "Run All Cells")
    page.wait_for_function(
        "() => (%s)() && !document.querySelector('.jp-OutputArea-output[data-ck-stale]')" % ALL_RAN_JS,
        timeout=timeout,
    )
    wait_idle(page, timeout)


def restart_kernel(page, timeout: int = KERNEL_TIMEOUT_MS) -> None:
    """Kernel menu, "Restart Kernel…", confirm; wait until the kernel has restarted and is idle."""
    # Record every state the status bar shows, so a fast restart cannot be missed.
    page.evaluate(
        """(selector) => {
            const item = document.querySelector(selector);
            window.__ckKernelStates = [item.textContent];
            new MutationObserver(() => window.__ckKernelStates.push(item.textContent))
                .observe(item, {childList: true, characterData: true, subtree: true});
        }""",
        KERNEL_STATUS,
    )
    menu_command(page, "Kernel", "Restart Kernel…")
    dialog = page.locator(".jp-Dialog")
    # The button reads "Restart"; its accessible name is "Confirm Kernel Restart".
    dialog.locator("button.jp-mod-accept", has_text="Restart").click(timeout=TIMEOUT_MS)
    dialog.wait_for(state="detached", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => window.__ckKernelStates.some(s => !/\\|\\s*Idle\\s*$/.test(s))", timeout=timeout
    )
    wait_idle(page, timeout)


def code_cell(page, source_text: str):
    """The code cell whose source contains ``source_text`` (shown: a page's code is hidden, see show_code)."""
    return page.locator(".jp-Notebook .jp-CodeCell").filter(
        has=page.locator(".jp-InputArea-editor", has_text=source_text)
    )


def quiz_output(page, qid: str):
    """The rendered widget output of the ``lesson.quiz("<qid>")`` cell."""
    return code_cell(page, f'quiz("{qid}")').locator(".jp-OutputArea-output")


def focused_radio_label(container) -> str | None:
    """The label of the radio button that has keyboard focus, if it is inside ``container``."""
    return container.evaluate(
        """(el) => {
            const a = document.activeElement;
            return a && a.type === "radio" && el.contains(a) ? a.closest("label").textContent : null;
        }"""
    )


def tab_into(page, container, max_presses: int = 8) -> str:
    """Press Tab until keyboard focus is on a radio button inside ``container``; its label."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        label = focused_radio_label(container)
        if label is not None:
            return label
    raise AssertionError(f"{max_presses} Tab presses did not reach a radio button in the question.")


def checked_labels(container) -> list[str]:
    return container.locator("input[type=radio]").evaluate_all(
        "els => els.filter(e => e.checked).map(e => e.closest('label').textContent)"
    )


def scroll_to_top(page, locator, attempts: int = 6) -> None:
    """Scroll ``locator`` to the top of the notebook and keep it there.

    JupyterLab renders off-screen cells lazily (content-visibility), so cells above the
    target change height once they are drawn; scroll again until the position is stable.
    """
    last = None
    for _ in range(attempts):
        top = locator.evaluate("el => { el.scrollIntoView({block: 'start'}); return el.getBoundingClientRect().top; }")
        page.wait_for_timeout(150)
        now = locator.evaluate("el => el.getBoundingClientRect().top")
        if last is not None and abs(now - top) < 2 and abs(now - last) < 2:
            return
        last = now


def serve(lab: JupyterLab, request):
    """Fixture body shared by every browser test: start ``lab``, yield it, stop it, and fail
    if it left any process behind (printing its log when a test failed)."""
    import pytest

    try:
        lab.start()
    except RuntimeError as err:
        lab.stop()
        pytest.fail(str(err), pytrace=False)
    yield lab
    failed = request.session.testsfailed
    lab.stop()
    leftovers = lab.leftover_pids()
    if failed:
        print("\n" + lab.log_tail())
    assert not leftovers, f"JupyterLab left processes behind: {leftovers}"
