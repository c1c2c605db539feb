"""Handoff notes, feed tokens and feed revisions kept in the database."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from sqlalchemy import text

from oncall.core.notes import ChecklistItem, HandoffNote, Incident
from oncall.storage import ConflictError, StorageError, open_database
from storage_support import BACKENDS, url_for, utc


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    database = open_database(url_for(request, tmp_path), user="carol")
    yield database
    database.close()


def _note(**changes) -> HandoffNote:
    note = HandoffNote("carol", "dan", utc(2026, 12, 7, 15), summary="Payments latency alert flapping",
                       incidents=(Incident("INC-42", "Card auth timeouts", "mitigated", "https://x/42"),),
                       watch=("db failover drill",),
                       checklist=(ChecklistItem("Pager tested", True), ChecklistItem("Dashboards reviewed")),
                       author="carol", updated_at=utc(2026, 12, 7, 14))
    return replace(note, **changes)


def test_notes_round_trip_and_list_by_range(db):
    first = _note()
    second = _note(at=utc(2026, 12, 8, 15), summary="quiet")
    db.notes.save(first)
    db.notes.save(second)
    assert db.notes.get("carol", "dan", first.at) == first
    assert db.notes.list() == [first, second]
    assert db.notes.list(start=utc(2026, 12, 8), end=utc(2026, 12, 9)) == [second]
    assert db.notes.get("carol", "dan", utc(2030, 1, 1)) is None


def test_note_update_delete_and_audit(db):
    db.notes.save(_note())
    db.notes.save(_note(acknowledged_at=utc(2026, 12, 7, 16)), user="dan")
    assert db.notes.get("carol", "dan", _note().at).acknowledged_at == utc(2026, 12, 7, 16)
    assert db.notes.delete("carol", "dan", _note().at)
    assert not db.notes.delete("carol", "dan", _note().at)
    actions = [(e.entity, e.action, e.user) for e in db.audit_log()]
    assert actions == [("note", "deleted", "carol"), ("note", "updated", "dan"), ("note", "created", "carol")]


def test_note_saved_over_a_changed_one_conflicts(db):
    original = db.notes.save(_note())
    db.notes.save(_note(summary="edited by dan"), user="dan")
    mine = _note(summary="edited by carol")
    with pytest.raises(ConflictError) as caught:
        db.notes.save(mine, expected=original)
    assert caught.value.pending == mine and caught.value.conflicts[0].user == "dan"
    assert db.notes.get("carol", "dan", original.at).summary == "edited by dan"


def test_feed_token_secret_is_never_stored(db):
    token, secret = db.feed_tokens.create("member", "alice", "Alice's phone")
    assert len(secret) >= 32  # >= 128 bits of entropy, URL-safe
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT secret_sha256 FROM feed_tokens")).scalar()
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM feed_tokens")) for v in row)
    assert stored == hashlib.sha256(secret.encode()).hexdigest() and secret not in dump
    assert db.feed_tokens.lookup(secret) == token
    assert db.feed_tokens.lookup(secret + "x") is None
    assert db.feed_tokens.list() == [token]


def test_feed_token_rotate_revoke_touch(db):
    token, secret = db.feed_tokens.create("team", None)
    new_secret = db.feed_tokens.rotate(token.id)
    assert db.feed_tokens.lookup(secret) is None and db.feed_tokens.lookup(new_secret).id == token.id
    db.feed_tokens.touch(token.id, utc(2026, 11, 26, 10))
    db.feed_tokens.touch(token.id, utc(2026, 11, 26, 9))  # never moves backwards
    assert db.feed_tokens.get(token.id).last_access_at == utc(2026, 11, 26, 10)
    db.feed_tokens.revoke(token.id)
    assert db.feed_tokens.lookup(new_secret) is None
    assert db.feed_tokens.get(token.id).revoked_at is not None
    with pytest.raises(StorageError, match="revoked"):
        db.feed_tokens.rotate(token.id)
    assert [e.action for e in db.audit_log() if e.entity == "feed_token"] == ["revoked", "rotated", "created"]


def test_feed_token_arguments_are_checked(db):
    with pytest.raises(ValueError):
        db.feed_tokens.create("planet", "x")
    with pytest.raises(ValueError):
        db.feed_tokens.create("team", "x")


def test_revision_store_follows_the_core_rule(db):
    store = db.revisions("member-alice")
    first = store.sync({"a": "1", "b": "1"}, utc(2026, 11, 1))
    assert first["a"].sequence == 0 and first["a"].last_modified == utc(2026, 11, 1)
    second = store.sync({"a": "1", "b": "2"}, utc(2026, 11, 2))
    assert second["a"] == first["a"]
    assert second["b"].sequence == 1 and second["b"].last_modified == utc(2026, 11, 2)
    assert db.revisions("member-alice").all()["b"] == second["b"]  # persisted
    assert db.revisions("other-feed").all() == {}  # feeds are separate namespaces
