"""Releases trainers can verify: pure parsing, then real ssh-keygen keys made in tmp_path and tampered zips."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from handbook import cli, release, workshop

# --- pure functions ----------------------------------------------------------------------------------

SUM = "ab" * 32


@pytest.mark.parametrize("text, sums, problems", [
    (f"{SUM}  site/index.html\n", {"site/index.html": SUM}, []),
    (f"{SUM} *bin.dat\n", {"bin.dat": SUM}, []),  # sha256sum's binary-mode marker
    (f"{SUM}  a\n{SUM}  a\n", {"a": SUM}, ["MANIFEST  SHA256SUMS:2: a is listed twice"]),
    ("not a line\n", {}, ["MANIFEST  SHA256SUMS:1: not a `digest  name` line"]),
    (f"{SUM[:-1]}  short\n", {}, ["MANIFEST  SHA256SUMS:1: not a `digest  name` line"]),
])
def test_checksum_lists_are_parsed_and_bad_lines_named(text: str, sums: dict, problems: list) -> None:
    found, bad = release.parse_sums(text)
    assert found == sums
    assert [str(p) for p in bad] == problems


def test_members_changed_missing_and_extra_are_each_named() -> None:
    listed = {"site/a.html": "1" * 64, "site/b.html": "2" * 64, "site/c.html": "3" * 64}
    in_zip = {"site/a.html": "1" * 64, "site/b.html": "9" * 64, "site/evil.html": "4" * 64,
              release.MANIFEST: "5" * 64, release.SIGNATURE: "6" * 64}
    found = [(p.kind, p.member) for p in release.check_members(in_zip, listed)]
    assert found == [("CHANGED", "site/b.html"), ("MISSING", "site/c.html"), ("EXTRA", "site/evil.html")]


@pytest.mark.parametrize("name, unsafe", [
    ("site/index.html", False), ("site/..hidden", False), ("../evil", True), ("/etc/passwd", True),
    ("site/../../x", True), ("C:/Windows/x", True), ("site\\..\\x", True),
])
def test_member_names_that_escape_the_folder_are_unsafe(name: str, unsafe: bool) -> None:
    assert release.unsafe_name(name) is unsafe


def test_fingerprint_is_ssh_keygens_unpadded_base64_sha256() -> None:
    blob = b"\x00\x00\x00\x0bssh-ed25519" + bytes(36)
    expected = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    assert release.fingerprint(blob) == f"SHA256:{expected}" and not release.fingerprint(blob).endswith("=")


@pytest.mark.parametrize("line, message", [
    ("mahfooz-release", "not an allowed_signers line"),
    ("mahfooz-release ssh-ed25519", "not an allowed_signers line"),
    ("mahfooz-release ssh-ed25519 not@base64!", "the key is not valid base64"),
])
def test_a_malformed_allowed_signers_line_is_named_with_its_line(line: str, message: str) -> None:
    with pytest.raises(release.ReleaseError, match=f"signers:2: {message}"):
        release.parse_signers(f"# comment\n{line}\n", "signers")


def test_allowed_signers_options_and_comments_are_understood() -> None:
    text = '# header\n\nmahfooz-release,backup namespaces="file" ssh-ed25519 AAAAC3Nz a comment\n'
    [signer] = release.parse_signers(text, "signers")
    assert (signer.principals, signer.key_type, signer.line) == ("mahfooz-release,backup", "ssh-ed25519", 3)


@pytest.mark.parametrize("armored, message", [
    ("hello", "no BEGIN SSH SIGNATURE"),
    ("-----BEGIN SSH SIGNATURE-----\n!!!\n-----END SSH SIGNATURE-----", "not valid base64"),
    ("-----BEGIN SSH SIGNATURE-----\n" + base64.b64encode(b"NOTSIG\x00\x00\x00\x01").decode()
     + "\n-----END SSH SIGNATURE-----", "wrong magic"),
    ("-----BEGIN SSH SIGNATURE-----\n" + base64.b64encode(b"SSHSIG\x00\x00\x00\x01\x00\x00\x01\x00ab").decode()
     + "\n-----END SSH SIGNATURE-----", "cut short"),
])
def test_a_signature_that_is_not_an_ssh_signature_is_refused(armored: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        release.signature_key(armored)


@pytest.mark.parametrize("version, ok", [("v1.2.0", True), ("2026-12-01", True), ("../x", False), ("", False),
                                         ("v 1", False), ("-rf", False)])
def test_versions_must_be_safe_in_a_file_name(version: str, ok: bool) -> None:
    if ok:
        assert release.check_version(version) == version
    else:
        with pytest.raises(release.ReleaseError, match="invalid version"):
            release.check_version(version)


# --- real keys, real zips -------------------------------------------------------------------------------

def _keypair(folder: Path, name: str) -> tuple[Path, str]:
    """A throwaway ed25519 key made here (never committed) and its allowed_signers line."""
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    kind, blob = (folder / f"{name}.pub").read_text().split()[:2]
    return key, f'{release.PRINCIPAL} namespaces="file" {kind} {blob}\n'


@pytest.fixture
def signed(tmp_path: Path) -> dict:
    """A signed release zip of a tiny site, its key and the allowed_signers that trusts it."""
    key, line = _keypair(tmp_path, "release-key")
    signers = tmp_path / "allowed_signers"
    signers.write_text(f"# the release key\n{line}", encoding="utf-8")
    pack = tmp_path / "pack"
    (pack / "site" / "ur").mkdir(parents=True)
    (pack / "site" / "index.html").write_text("<h1>Mahfooz</h1>", encoding="utf-8")
    (pack / "site" / "ur" / "index.html").write_text("<h1>محفوظ</h1>", encoding="utf-8")
    (pack / release.NOTE).write_text(release.release_note("v9.9.9", "abc123"), encoding="utf-8")
    target = tmp_path / release.zip_name("v9.9.9")
    release.write_release(pack, target, key)
    return {"zip": target, "key": key, "signers": signers, "tmp": tmp_path}


def _rezip(source: Path, target: Path, *, drop: str = "", change: dict[str, bytes] | None = None,
           add: dict[str, bytes] | None = None) -> Path:
    """A copy of a zip with one member dropped, replaced or added, as someone tampering with a stick would."""
    change, add = change or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename != drop:
                new.writestr(info.filename, change.get(info.filename, old.read(info)))
        for name, data in add.items():
            new.writestr(name, data)
    return target


def _verify(capsys: pytest.CaptureFixture[str], target: Path, signers: Path) -> tuple[int, str]:
    code = cli.main(["verify", str(target), "--signers", str(signers)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_signed_release_verifies(signed: dict, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _verify(capsys, signed["zip"], signed["signers"])
    assert code == 0, f"a genuine release was refused:\n{text}"
    assert "VERIFIED: Mahfooz offline copy v9.9.9" in text and "all 3 listed" in text
    assert release.PRINCIPAL in text and "SHA256:" in text


def test_the_signature_is_what_plain_ssh_keygen_accepts(signed: dict) -> None:
    # What the trainers' page tells a trainer to type must agree with handbook verify.
    folder = signed["tmp"] / "unzipped"
    with zipfile.ZipFile(signed["zip"]) as archive:
        archive.extractall(folder)
    with open(folder / release.MANIFEST, "rb") as manifest:
        done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(signed["signers"]), "-I", release.PRINCIPAL,
                               "-n", "file", "-s", str(folder / release.SIGNATURE)], stdin=manifest,
                              capture_output=True, text=True)
    assert done.returncode == 0 and "Good" in done.stdout, done.stdout + done.stderr
    assert workshop.verify_sums(folder, (folder / release.MANIFEST).read_text("utf-8")) == []


@pytest.mark.parametrize("tamper, expected", [
    (dict(change={"site/index.html": b"<h1>Fake helpline</h1>"}),
     "CHANGED   site/index.html: its contents differ from what SHA256SUMS lists"),
    (dict(drop="site/ur/index.html"), "MISSING   site/ur/index.html: listed in SHA256SUMS but not in the zip"),
    (dict(add={"site/evil.html": b"<script>x()</script>"}), "EXTRA     site/evil.html: in the zip but not listed"),
    (dict(add={"../outside.txt": b"x"}), "UNSAFE    ../outside.txt: a name that would unzip outside its folder"),
    (dict(drop=release.MANIFEST), "MISSING   SHA256SUMS: the zip has no checksum list"),
    (dict(drop=release.SIGNATURE), "MISSING   SHA256SUMS.sig: the zip is not signed"),
])
def test_each_tampered_copy_is_refused_naming_the_member(signed: dict, capsys: pytest.CaptureFixture[str],
                                                         tamper: dict, expected: str) -> None:
    target = _rezip(signed["zip"], signed["tmp"] / "tampered.zip", **tamper)
    code, text = _verify(capsys, target, signed["signers"])
    assert code == 1, f"a tampered copy was accepted:\n{text}"
    assert expected in text and "NOT VERIFIED" in text and "VERIFIED:" not in text.replace("NOT VERIFIED", "")


def test_a_checksum_list_changed_to_match_a_changed_file_breaks_the_signature(
        signed: dict, capsys: pytest.CaptureFixture[str]) -> None:
    # The attack the signature exists for: change a page and re-write SHA256SUMS to match it.
    fake = b"<h1>Call this fake number</h1>"
    with zipfile.ZipFile(signed["zip"]) as archive:
        sums = archive.read(release.MANIFEST).decode()
        real = hashlib.sha256(archive.read("site/index.html")).hexdigest()
    sums = sums.replace(real, hashlib.sha256(fake).hexdigest())
    target = _rezip(signed["zip"], signed["tmp"] / "resummed.zip",
                    change={"site/index.html": fake, release.MANIFEST: sums.encode()})
    code, text = _verify(capsys, target, signed["signers"])
    assert code == 1 and "SIGNATURE SHA256SUMS.sig: does not match SHA256SUMS" in text, text


def test_a_copy_signed_with_another_key_is_refused(signed: dict, capsys: pytest.CaptureFixture[str]) -> None:
    # Someone re-signs a changed copy with their own key: everything checks out except who signed it.
    other, _ = _keypair(signed["tmp"], "someone-else")
    unpacked = signed["tmp"] / "resign"
    with zipfile.ZipFile(signed["zip"]) as archive:
        archive.extractall(unpacked)
    (unpacked / "site" / "index.html").write_text("<h1>Changed</h1>", encoding="utf-8")
    target = signed["tmp"] / "resigned.zip"
    release.write_release(unpacked, target, other)
    code, text = _verify(capsys, target, signed["signers"])
    other_fp = subprocess.run(["ssh-keygen", "-lf", f"{other}.pub"], capture_output=True, text=True).stdout.split()[1]
    assert code == 1 and f"made with the key {other_fp}, which is not a key in" in text, text


def test_a_garbled_signature_is_refused(signed: dict, capsys: pytest.CaptureFixture[str]) -> None:
    target = _rezip(signed["zip"], signed["tmp"] / "garbled.zip", change={release.SIGNATURE: b"not a signature"})
    code, text = _verify(capsys, target, signed["signers"])
    assert code == 1 and "SIGNATURE SHA256SUMS.sig: not an SSH signature" in text, text


def test_a_file_that_is_not_a_zip_is_refused(signed: dict, capsys: pytest.CaptureFixture[str]) -> None:
    broken = signed["tmp"] / "broken.zip"
    broken.write_bytes(signed["zip"].read_bytes()[: 200])
    code, text = _verify(capsys, broken, signed["signers"])
    assert code == 1 and "DAMAGED" in text and "cannot be read as a zip" in text, text


def test_a_key_file_without_a_key_is_a_clear_error(signed: dict, capsys: pytest.CaptureFixture[str]) -> None:
    empty = signed["tmp"] / "empty_signers"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    code, text = _verify(capsys, signed["zip"], empty)
    assert code == 1 and "empty_signers: holds no key" in text, text


def test_the_projects_key_file_parses() -> None:
    # What the trainers' pages print (tests/test_headers.py checks the built pages) must be a valid file.
    root = Path(__file__).resolve().parents[1]
    release.parse_signers((root / release.SIGNERS).read_text("utf-8"), str(release.SIGNERS))


def _fake_build(root: Path, command: str, extra: list[str], *, offline: bool = False,
                site_dir: Path | None = None, capture: bool = False) -> subprocess.CompletedProcess[str]:
    """Stands in for the offline build: a two-page site, so the release steps run in a second."""
    assert offline and site_dir is not None, "handbook release must build the offline copy"
    (site_dir / "ur").mkdir(parents=True)
    (site_dir / "index.html").write_text("<h1>Mahfooz</h1>", encoding="utf-8")
    (site_dir / "ur" / "index.html").write_text("<h1>محفوظ</h1>", encoding="utf-8")
    return subprocess.CompletedProcess([], 0, "", "")


def test_handbook_release_writes_a_zip_and_signed_sums_that_plain_tools_accept(
        signed: dict, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "_mkdocs", _fake_build)
    out = signed["tmp"] / "dist"
    code = cli.main(["release", "--version", "v1.0.0", "--key", str(signed["key"]), "-o", str(out),
                     "--signers", str(signed["signers"])])
    text = capsys.readouterr().out
    assert code == 0 and "VERIFIED: Mahfooz offline copy v1.0.0" in text, text
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", "SHA256SUMS.sig", "mahfooz-offline-v1.0.0.zip"]
    # The trainers' Linux steps, word for word: the outer list's signature, then the zip against the list.
    with open(out / "SHA256SUMS", "rb") as sums:
        good = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(signed["signers"]), "-I", "mahfooz-release",
                               "-n", "file", "-s", "SHA256SUMS.sig"], stdin=sums, cwd=out, capture_output=True,
                              text=True)
    assert good.returncode == 0 and 'Good "file" signature for mahfooz-release' in good.stdout, good.stderr
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert check.stdout.strip() == "mahfooz-offline-v1.0.0.zip: OK", check.stdout + check.stderr


def test_handbook_release_refuses_a_key_that_trainers_would_not_trust(
        signed: dict, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "_mkdocs", _fake_build)
    other, _ = _keypair(signed["tmp"], "not-the-release-key")
    code = cli.main(["release", "--version", "v1.0.0", "--key", str(other), "-o", str(signed["tmp"] / "dist"),
                     "--signers", str(signed["signers"])])
    assert code == 1 and "which is not a key in" in capsys.readouterr().err


def test_no_private_key_is_in_the_repository() -> None:
    root = Path(__file__).resolve().parents[1]
    listed = subprocess.run(["git", "-C", str(root), "grep", "-l", "-I", "PRIVATE KEY-----"],
                            capture_output=True, text=True).stdout.split()
    assert [p for p in listed if p != "tests/test_release.py"] == [], f"a private key is committed: {listed}"


def test_verify_works_outside_a_clone_with_signers(signed: dict, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    shutil.copy(signed["zip"], elsewhere / "copy.zip")
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("HANDBOOK_ROOT", raising=False)
    assert cli.main(["verify", "copy.zip", "--signers", str(signed["signers"])]) == 0
    assert cli.main(["verify", "copy.zip"]) == 1
    assert "name the key file with --signers" in capsys.readouterr().err
