"""Build the site: gather the runtime, the wheels and the course, then ``jupyter lite build``, clean each time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from coursekit.site import contents, kernel_wheels, labextensions, runtime, site_wheels

#: Where the runtime is served from, relative to the site's root.
PYODIDE_DIR = "static/pyodide"
#: The kernel's settings, set explicitly: an incremental rebuild once dropped the automatic ``pyodideUrl``
#: and the kernel then tried a CDN and hung.
KERNEL_SETTINGS = {"disablePyPIFallback": True, "pyodideUrl": f"./{PYODIDE_DIR}/pyodide.mjs"}


#: JupyterLab settings for learners: start the notebook's own kernel without asking (a notebook opened
#: before the kernel list is ready otherwise asks "Select Kernel"), and no news pop-up or update check.
SETTINGS_OVERRIDES = {
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def build_config(extensions: Path) -> dict:
    """``jupyter lite build``'s own settings: browser extensions come only from the folder of chosen ones."""
    return {"LiteBuildConfig": {"ignore_sys_prefix": ["federated_extensions"]},
            "FederatedExtensionAddon": {"extra_labextensions_path": [str(extensions)]}}


@dataclass
class Built:
    output: Path
    seconds: float
    size_bytes: int
    notebooks: int


def lite_config() -> dict:
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Digital transformation: the four pre-conditions",
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": dict(KERNEL_SETTINGS)}}}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _jupyter_lite(lite: Path, course: Path, out: Path) -> None:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # the same files each build (1 Jan 2026)
    proc = subprocess.run([sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite),
                           "--contents", str(course), "--output-dir", str(out), "--apps", "lab",
                           "--no-sourcemaps", "--no-unused-shared-packages"],
                          cwd=lite, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"jupyter lite build failed:\n{(proc.stdout + proc.stderr).strip()[-3000:]}")


def build(output: Path, cache: Path, wheel: Path | None = None) -> Built:
    """Build the site into ``output`` (replaced whole), with downloads kept in ``cache``."""
    started = time.monotonic()
    output = Path(output).resolve()
    pyodide = runtime.fetch_runtime(cache)
    lock = json.loads((pyodide / "pyodide-lock.json").read_text("utf-8"))
    startup = kernel_wheels.fetch_kernel_wheels(lock, cache)
    widgets = site_wheels.fetch_widget_wheels(cache)
    with tempfile.TemporaryDirectory(prefix="coursekit-site-") as tmp:
        lite, course, staged = Path(tmp) / "lite", Path(tmp) / "course", Path(tmp) / "site"
        (lite / "pypi").mkdir(parents=True)
        if wheel:
            shutil.copy2(wheel, lite / "pypi" / Path(wheel).name)
        else:
            site_wheels.build_own_wheel(lite / "pypi")
        for path in widgets:
            shutil.copy2(path, lite / "pypi" / path.name)
        (lite / "jupyter-lite.json").write_text(json.dumps(lite_config(), indent=1), "utf-8")
        (lite / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES, indent=1), "utf-8")
        # only the extensions the site needs, copied into the lite folder; none from where it is built
        labextensions.copy_wanted(Path(tmp) / "labextensions")
        (lite / "jupyter_lite_config.json").write_text(json.dumps(build_config(Path(tmp) / "labextensions")), "utf-8")
        notebooks = contents.write_contents(course)
        _jupyter_lite(lite, course, staged)
        served = staged / PYODIDE_DIR
        served.mkdir(parents=True, exist_ok=True)
        for name in runtime.FILES:
            if name != "pyodide-lock.json":
                shutil.copy2(pyodide / name, served / name)
        for path in startup:
            shutil.copy2(path, served / path.name)
        kernel_wheels.write_lock(pyodide / "pyodide-lock.json", served / "pyodide-lock.json", startup)
        _check_settings(staged)
        _check_extensions(staged)
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged), str(output))
    return Built(output, time.monotonic() - started, folder_size(output), len(notebooks))


def _check_settings(site: Path) -> None:
    """The built site's settings still name the local runtime and refuse PyPI (never a CDN)."""
    config = json.loads((site / "jupyter-lite.json").read_text("utf-8"))["jupyter-config-data"]
    settings = config.get("litePluginSettings", {}).get("@jupyterlite/pyodide-kernel-extension:kernel", {})
    for key, value in KERNEL_SETTINGS.items():
        if settings.get(key) != value:
            raise RuntimeError(f"The built site's jupyter-lite.json lost {key} = {value!r}: the kernel would "
                               "try to load Pyodide from the internet. Nothing was written.")


def _check_extensions(site: Path) -> None:
    config = json.loads((site / "jupyter-lite.json").read_text("utf-8"))["jupyter-config-data"]
    names = sorted(ext["name"] for ext in config.get("federated_extensions", []))
    if names != sorted(labextensions.WANTED):
        raise RuntimeError(f"The built site carries the browser extensions {names}, not {sorted(labextensions.WANTED)}. "
                           "Nothing was written.")
