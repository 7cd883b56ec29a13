"""Remote PATHs (``s3://``, ``gs://``, ``hf://``, ``https://``): a local mirror of the logs.

A remote PATH is listed once (fsspec's ``find``, with sizes: no request per file), and
the files that can hold curves are copied into a private temporary mirror that keeps the
tree's layout; every reader then reads the mirror exactly as it reads a local tree, so
points, run ids (relative to the PATH given: the mirror's root has the PATH's own name)
and verdicts are the same as for the same files on disk. Which files are copied:

* never what discovery skips by name (weights, images, archives, code: ``SKIP_SUFFIXES``,
  ``SKIP_DIRS``), except the settings files the analysis reads beside the logs
  (``hparams.HPARAM_FILES``, MLflow's ``meta.yaml``);
* files up to ``FETCH_WHOLE_BYTES`` are copied whole (one request either way);
* a larger file is copied only when its name claims a reader (an event file) or its first
  ``HEAD_BYTES``, fetched as a byte range, are recognised by a reader's sniff: a big file
  that is not a log costs one small range request;
* the copies are fetched concurrently (fsspec's batched ``get``; large files stream in
  blocks) and every folder of the tree is created, empty, so layouts that look at
  folders (``checkpoint-N/``) see them.

Credentials and endpoints come from each filesystem's usual environment and config
(``AWS_ENDPOINT_URL``, ``AWS_PROFILE``, ``GOOGLE_APPLICATION_CREDENTIALS``, ``HF_TOKEN``),
never from flags. The mirror lives in the system's temporary folder and is removed when
the process exits; it holds a copy of the logs read, no more. fsspec and the filesystems
come with the ``remote`` extra; without it a remote PATH is one clear error.
"""

from __future__ import annotations

import atexit
import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from curvecli.errors import UsageError

URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
# A URL that went through ``pathlib.Path`` (the command line's PATH type) lost a slash.
FOLDED_URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):/(?!/)")
FETCH_WHOLE_BYTES = 1 << 20  # smaller files are copied without sniffing first
HEAD_BYTES = 4096
MIRROR_PREFIX = "curvecli-remote-"
EXTRA_HINT = "pip install 'curvecli[remote]'"
PROTOCOL_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs",
                     "hf": "huggingface_hub", "http": "aiohttp", "https": "aiohttp"}
KEPT_NAMES = frozenset({"meta.yaml"})


def as_url(path: object) -> str | None:
    """``path`` as a URL when it is one (``s3://b/k``, or ``s3:/b/k`` as ``Path`` folds
    it), with a scheme other than ``file``; else None."""
    text = FOLDED_URL.sub(r"\1://", str(path), count=1)
    match = URL.match(text)
    return text if match and match.group(1).lower() != "file" else None


def is_remote(path: object) -> bool:
    return as_url(path) is not None


def localise(paths: list) -> tuple[list[Path], list[Mirror]]:
    """The PATHs with each remote one replaced by its local mirror."""
    local, mirrors = [], []
    for path in paths:
        url = as_url(path)
        if url is None:
            local.append(Path(path))
            continue
        found = mirror(url)
        mirrors.append(found)
        local.append(found.local)
    return local, mirrors


def say_urls(mirrors: list[Mirror], text: str) -> str:
    """A message about mirrored files, said about the remote PATHs."""
    for found in mirrors:
        text = found.to_url(text)
    return text


def renamed(loaded, mirrors: list[Mirror]):
    """What was read from mirrors, said about the remote PATHs: each run's warnings and
    folder, and each problem's file (a ``Path`` of the URL, which folds its ``//``)."""
    for log in loaded.runs:
        log.warnings = [say_urls(mirrors, warning) for warning in log.warnings]
        if isinstance(log.meta.get("path"), str):
            log.meta["path"] = say_urls(mirrors, log.meta["path"])
    for problem in loaded.problems:
        problem.path = Path(say_urls(mirrors, str(problem.path)))
        problem.message = say_urls(mirrors, problem.message)
    return loaded


def renamed_error(error, mirrors: list[Mirror]):
    """An error about a mirrored file, said about its remote PATH."""
    error.message = say_urls(mirrors, error.message)
    if error.path is not None:
        error.path = say_urls(mirrors, str(error.path))
    return error


@dataclass
class Mirror:
    """A remote PATH and where its mirror is: ``local`` has the PATH's own name."""

    url: str
    local: Path

    def to_url(self, text: str) -> str:
        """A message about the mirror said about the remote PATH instead."""
        return text.replace(str(self.local), self.url.rstrip("/"))


def _filesystem(url: str):
    """fsspec's filesystem for ``url`` and the path in it; a missing extra or package is
    one clear error naming it."""
    protocol = URL.match(url).group(1).lower()
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: remote paths need the 'remote' extra",
                         hint=EXTRA_HINT) from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError:
        package = PROTOCOL_PACKAGES.get(protocol, f"an fsspec filesystem for {protocol}://")
        raise UsageError(f"{url}: {protocol}:// paths need {package}",
                         hint=EXTRA_HINT) from None
    except ValueError as error:
        raise UsageError(f"{url}: not a path curvecli can read remotely ({error})") from None


def _remote_error(url: str, error: Exception) -> UsageError:
    """One line for what the remote side said: missing bucket or key, no credentials, no
    permission, or no connection."""
    name = type(error).__name__
    text = str(error) or name
    if isinstance(error, FileNotFoundError) or "NoSuchBucket" in text or "NoSuchKey" in text:
        return UsageError(f"{url}: no such bucket, repository or path")
    if "NoCredentials" in name or "credentials" in text.lower():
        return UsageError(f"{url}: no credentials for this storage",
                          hint="set them as the storage's tools expect (for S3: "
                               "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE)")
    if isinstance(error, PermissionError) or "AccessDenied" in text or "Forbidden" in text:
        return UsageError(f"{url}: access denied")
    return UsageError(f"{url}: cannot list or read it: {name}: {text.splitlines()[0][:200]}")


def _listing(fs, root: str, url: str) -> tuple[dict[str, int], list[str]]:
    """Every file under ``root`` with its size, and every folder: one listing."""
    try:
        if fs.isfile(root):
            return {root: int(fs.size(root) or 0)}, []
        found = fs.find(root, withdirs=True, detail=True)
    except Exception as error:  # noqa: BLE001 - each filesystem raises its own kinds
        raise _remote_error(url, error) from None
    if not found and not fs.exists(root):
        raise UsageError(f"{url}: no such bucket, repository or path")
    files = {name: int(info.get("size") or 0) for name, info in found.items()
             if info.get("type") != "directory"}
    folders = [name for name, info in found.items() if info.get("type") == "directory"]
    return files, folders


def _wanted_by_name(relative: PurePosixPath) -> bool | None:
    """True: copy it; False: never; None: copy when its head is a log (a large file)."""
    from curvecli import discover
    from curvecli.hparams import HPARAM_FILES
    from curvecli.readers import claimed_by_name

    if any(part in discover.SKIP_DIRS for part in relative.parts[:-1]):
        return False
    name = relative.name
    if name in HPARAM_FILES or name in KEPT_NAMES or claimed_by_name(Path(name)):
        return True
    if relative.suffix.lower() in discover.SKIP_SUFFIXES or \
            discover.SQLITE_SIDE_FILE.search(name):
        return False
    return None


def _chosen(fs, files: dict[str, int], root: str, single: bool) -> list[str]:
    """The files to copy (see the module docstring)."""
    from curvecli.readers import choose

    chosen, to_sniff = [], []
    for name, size in files.items():
        relative = PurePosixPath(posixpath.basename(name) if single
                                 else posixpath.relpath(name, root))
        wanted = _wanted_by_name(relative)
        if wanted or (wanted is None and size <= FETCH_WHOLE_BYTES):
            chosen.append(name)
        elif wanted is None:
            to_sniff.append(name)
    if to_sniff:
        heads = fs.cat_ranges(to_sniff, [0] * len(to_sniff), [HEAD_BYTES] * len(to_sniff),
                              on_error="return")
        chosen += [name for name, head in zip(to_sniff, heads)
                   if isinstance(head, bytes) and choose(head, Path(name)) is not None]
    return sorted(chosen)


def _mirror_base() -> Path:
    base = Path(tempfile.mkdtemp(prefix=MIRROR_PREFIX))
    atexit.register(shutil.rmtree, base, True)
    return base


def _names(root: str, single: bool) -> tuple[str, str]:
    """The mirror's folder (the PATH's own name, or a single file's folder name, as run ids
    use them) and, for a single file, its name."""
    clean = root.rstrip("/")
    if single:
        folder = posixpath.basename(posixpath.dirname(clean)) or "remote"
        return folder, posixpath.basename(clean)
    return posixpath.basename(clean) or "remote", ""


def mirror(url: str) -> Mirror:
    """Copy what ``url`` holds of curves into a fresh local mirror (module docstring)."""
    fs, root = _filesystem(url)
    files, folders = _listing(fs, root, url)
    single = list(files) == [root] and not folders
    folder, file_name = _names(root, single)
    target = _mirror_base() / folder
    target.mkdir(parents=True)
    for name in folders:
        (target / posixpath.relpath(name, root)).mkdir(parents=True, exist_ok=True)
    chosen = _chosen(fs, files, root, single)
    destinations = [str(target / (file_name or posixpath.relpath(name, root)))
                    for name in chosen]
    for destination in destinations:
        Path(destination).parent.mkdir(parents=True, exist_ok=True)
    try:
        if chosen:
            fs.get(chosen, destinations)
    except Exception as error:  # noqa: BLE001 - each filesystem raises its own kinds
        raise _remote_error(url, error) from None
    return Mirror(url, target / file_name if single else target)
