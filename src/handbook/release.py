"""Releases trainers can verify: the offline copy as one zip carrying SHA256SUMS and an OpenSSH signature of it.

Why `ssh-keygen -Y sign` rather than minisign: the tool that checks the signature already comes with Linux, macOS
and Windows 10/11 (OpenSSH 8.1 or newer), so a trainer installs nothing, and nothing that would itself need
verifying. The signature sits inside the zip next to the list it signs, because files copied from stick to stick
get separated; the public key must come from elsewhere (the website, or a copy the trainer already has), never
from the stick. The layout of a release zip:

    RELEASE.txt       what this is: version, commit, how to open it
    SHA256SUMS        `sha256sum -c` format: every other member except SHA256SUMS.sig
    SHA256SUMS.sig    `ssh-keygen -Y sign -n file` of SHA256SUMS
    site/...          the offline copy: open site/index.html
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from handbook import workshop

MANIFEST = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
NOTE = "RELEASE.txt"
NAMESPACE = "file"  # ssh-keygen's namespace for signing files
PRINCIPAL = "mahfooz-release"  # the name the key has in allowed_signers
SIGNERS = Path("snippets") / "release" / "allowed_signers"  # printed on the "For trainers" pages
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
_SUM_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")
_KEY_TYPE = re.compile(r"(?:ssh-|ecdsa-|sk-)[\w@.-]+")
_ARMOR = re.compile(r"-----BEGIN SSH SIGNATURE-----\s*(.*?)\s*-----END SSH SIGNATURE-----", re.S)


class ReleaseError(ValueError):
    """A release that cannot be made or checked at all (bad key file, bad version, ssh-keygen missing)."""


@dataclass(frozen=True)
class Signer:
    """One key of allowed_signers: who it is, and the key's wire-format blob."""

    principals: str
    key_type: str
    blob: bytes
    line: int


@dataclass(frozen=True)
class Problem:
    """One reason a copy is not the release: the member (or file) concerned and what is wrong with it."""

    kind: str  # CHANGED, MISSING, EXTRA, UNSAFE, SIGNATURE, MANIFEST
    member: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind:<9} {self.member}: {self.message}"


@dataclass
class Report:
    """What `verify_zip` found."""

    problems: list[Problem] = field(default_factory=list)
    listed: int = 0
    signer: str = ""
    fingerprint: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        """Whether the copy is exactly what was signed."""
        return not self.problems


def fingerprint(blob: bytes) -> str:
    """A public key's fingerprint as ssh-keygen prints it: SHA256: and unpadded base64."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")


def parse_signers(text: str, where: str) -> list[Signer]:
    """The keys of an allowed_signers file (`principals [options] key-type base64 [comment]`)."""
    signers = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        at = next((i for i, word in enumerate(words[1:], start=1) if _KEY_TYPE.fullmatch(word)), None)
        if at is None or at + 1 >= len(words):
            raise ReleaseError(f"{where}:{number}: not an allowed_signers line (principals, then the key type, "
                               "then the key, e.g. mahfooz-release ssh-ed25519 AAAA...)")
        try:
            blob = base64.b64decode(words[at + 1], validate=True)
        except ValueError:
            raise ReleaseError(f"{where}:{number}: the key is not valid base64") from None
        signers.append(Signer(words[0], words[at], blob, number))
    return signers


def _read_string(data: bytes, at: int) -> tuple[bytes, int]:
    """One SSH wire-format string (4-byte length, then the bytes) and where the next field starts."""
    if at + 4 > len(data):
        raise ValueError("truncated")
    size = int.from_bytes(data[at:at + 4], "big")
    if at + 4 + size > len(data):
        raise ValueError("truncated")
    return data[at + 4:at + 4 + size], at + 4 + size


def signature_key(armored: str) -> bytes:
    """The public key blob a `ssh-keygen -Y sign` signature names (PROTOCOL.sshsig), without checking it."""
    match = _ARMOR.search(armored)
    if not match:
        raise ValueError("not an SSH signature (no BEGIN SSH SIGNATURE block)")
    try:
        data = base64.b64decode("".join(match.group(1).split()), validate=True)
    except ValueError:
        raise ValueError("the signature block is not valid base64") from None
    if data[:6] != b"SSHSIG" or int.from_bytes(data[6:10], "big") != 1:
        raise ValueError("not an SSH signature (wrong magic or version)")
    try:
        blob, _ = _read_string(data, 10)
    except ValueError:
        raise ValueError("the signature is cut short") from None
    return blob


def parse_sums(text: str) -> tuple[dict[str, str], list[Problem]]:
    """SHA256SUMS as {member: hex digest}, and a problem for each malformed or repeated line."""
    sums: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUM_LINE.fullmatch(line)
        if not match:
            problems.append(Problem("MANIFEST", f"{MANIFEST}:{number}", "not a `digest  name` line"))
        elif match.group(2) in sums:
            problems.append(Problem("MANIFEST", f"{MANIFEST}:{number}", f"{match.group(2)} is listed twice"))
        else:
            sums[match.group(2)] = match.group(1)
    return sums, problems


def unsafe_name(name: str) -> bool:
    """Whether a member name could write outside the folder it is unzipped into."""
    parts = name.split("/")
    return name.startswith("/") or "\\" in name or ".." in parts or bool(re.match(r"[A-Za-z]:", name))


def check_members(digests: dict[str, str], sums: dict[str, str]) -> list[Problem]:
    """Compare the zip's members (name -> SHA-256) with SHA256SUMS: changed, missing and extra members."""
    problems = []
    for name, digest in sorted(sums.items()):
        if name not in digests:
            problems.append(Problem("MISSING", name, f"listed in {MANIFEST} but not in the zip"))
        elif digests[name] != digest:
            problems.append(Problem("CHANGED", name, f"its contents differ from what {MANIFEST} lists"))
    for name in sorted(set(digests) - set(sums) - {MANIFEST, SIGNATURE}):
        problems.append(Problem("EXTRA", name, f"in the zip but not listed in {MANIFEST}"))
    return problems


def _ssh_keygen(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["ssh-keygen", *args], input=stdin, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise ReleaseError("ssh-keygen not found: install OpenSSH (Debian: apt-get install openssh-client)") from None


def sign(path: Path, key: Path) -> Path:
    """Sign a file with an OpenSSH private key into path.sig (namespace `file`)."""
    signature = path.with_name(path.name + ".sig")
    signature.unlink(missing_ok=True)
    done = _ssh_keygen(["-Y", "sign", "-q", "-f", str(key), "-n", NAMESPACE, str(path)])
    if done.returncode != 0 or not signature.is_file():
        message = done.stderr.decode("utf-8", "replace").strip() or "no signature written"
        raise ReleaseError(f"{key}: cannot sign with this key: {message}")
    return signature


def check_signature(data: bytes, armored: str, signers_text: str, signers_where: str) -> tuple[Signer | None, Problem | None]:
    """Check a signature of `data` against allowed_signers: the signer, or what is wrong."""
    signers = parse_signers(signers_text, signers_where)
    if not signers:
        raise ReleaseError(f"{signers_where}: holds no key; the project's release key is added there when the "
                           "first release is signed (README, Releases)")
    try:
        blob = signature_key(armored)
    except ValueError as error:
        return None, Problem("SIGNATURE", SIGNATURE, str(error))
    signer = next((s for s in signers if s.blob == blob), None)
    if signer is None:
        return None, Problem("SIGNATURE", SIGNATURE, f"made with the key {fingerprint(blob)}, which is not a key "
                             f"in {signers_where}: this copy was not signed by the Mahfooz release key")
    with tempfile.TemporaryDirectory(prefix="handbook-verify-") as tmp:
        sig_file, signers_file = Path(tmp) / "sig", Path(tmp) / "allowed_signers"
        sig_file.write_text(armored, encoding="utf-8")
        signers_file.write_text(signers_text, encoding="utf-8")
        principal = signer.principals.split(",")[0]
        done = _ssh_keygen(["-Y", "verify", "-f", str(signers_file), "-I", principal, "-n", NAMESPACE,
                            "-s", str(sig_file)], stdin=data)
    if done.returncode != 0:
        return signer, Problem("SIGNATURE", SIGNATURE, f"does not match {MANIFEST}: the list was changed after "
                               "it was signed, or the signature belongs to another file")
    return signer, None


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    sha = hashlib.sha256()
    with archive.open(info) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def verify_zip(path: Path, signers_text: str, signers_where: str) -> Report:
    """Check a release zip: its signature against allowed_signers, then every member against SHA256SUMS."""
    report = Report()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        report.problems.append(Problem("DAMAGED", str(path), f"cannot be read as a zip ({error})"))
        return report
    with archive:
        digests: dict[str, str] = {}
        for info in archive.infolist():
            name = info.filename
            if info.is_dir():
                continue  # a folder entry carries no content (zips re-made by some tools add them)
            if unsafe_name(name):
                report.problems.append(Problem("UNSAFE", name, "a name that would unzip outside its folder"))
            elif name in digests:
                report.problems.append(Problem("EXTRA", name, "appears twice in the zip"))
            else:
                try:
                    digests[name] = _digest(archive, info)
                except (zipfile.BadZipFile, OSError, ValueError) as error:  # a CRC mismatch is a BadZipFile
                    report.problems.append(Problem("CHANGED", name, f"cannot be read back ({error})"))
        if MANIFEST not in digests:
            report.problems.append(Problem("MISSING", MANIFEST, "the zip has no checksum list: it is not a Mahfooz "
                                           "release, or the list was removed"))
            return report
        manifest = archive.read(MANIFEST)
        if SIGNATURE not in digests:
            report.problems.append(Problem("MISSING", SIGNATURE, "the zip is not signed"))
        else:
            armored = archive.read(SIGNATURE).decode("utf-8", "replace")
            signer, problem = check_signature(manifest, armored, signers_text, signers_where)
            if signer is not None:
                report.signer, report.fingerprint = signer.principals, fingerprint(signer.blob)
            if problem is not None:
                report.problems.append(problem)
        sums, malformed = parse_sums(manifest.decode("utf-8", "replace"))
        report.problems += malformed
        report.listed = len(sums)
        report.problems += check_members(digests, sums)
        if NOTE in digests and NOTE in sums:
            report.note = archive.read(NOTE).decode("utf-8", "replace").splitlines()[0].strip()
    return report


def release_note(version: str, commit: str) -> str:
    """RELEASE.txt: which release this is and how to open it, in English and Urdu."""
    return (f"Mahfooz offline copy {version}\n"
            f"Built from commit {commit or 'unknown'}.\n\n"
            "Open site/index.html in a web browser. No internet is needed.\n"
            "To check that this copy is genuine, see the \"For trainers\" page of the handbook.\n\n"
            "ویب براؤزر میں site/index.html کھولیں۔ انٹرنیٹ کی ضرورت نہیں۔\n"
            "یہ کاپی اصل ہے یا نہیں، یہ جانچنے کا طریقہ ہینڈ بک کے صفحے «ٹرینرز کے لیے» میں دیکھیں۔\n")


def check_version(version: str) -> str:
    """A version fit for a file name (v1.2.0, 2026-12-01)."""
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"invalid version '{version}': use letters, digits, dots, dashes and underscores, "
                           "e.g. v1.2.0")
    return version


def zip_name(version: str) -> str:
    """mahfooz-offline-v1.2.0.zip"""
    return f"mahfooz-offline-{version}.zip"


def write_release(pack: Path, target: Path, key: Path | None) -> None:
    """Zip a prepared folder (site/ and RELEASE.txt) with SHA256SUMS, signed when a key is given."""
    (pack / SIGNATURE).unlink(missing_ok=True)
    (pack / MANIFEST).unlink(missing_ok=True)
    sums = workshop.sha256sums(pack)
    (pack / MANIFEST).write_text(sums, encoding="utf-8")
    if key is not None:
        sign(pack / MANIFEST, key)
    workshop.write_zip(pack, target)


def outer_sums(zips: list[Path]) -> str:
    """The SHA256SUMS published beside the zips: one line per zip, for `sha256sum -c` or a hash app."""
    return "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in zips)
