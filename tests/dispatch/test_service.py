"""The real ``socialtui serve`` process: on time, exactly once, and safe to stop or kill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from socialtui.context import Practice
from socialtui.practice_time import now_utc

from .cli import socialtui
from .loopback import LoopbackPlatform
from .scheduling import approved_post, clean_text, post_row, publication, through_review
from .serving import ServeProcess, wait_until

Serve = Callable[..., ServeProcess]


def pub_status(practice: Practice, post_id: int) -> str:
    return publication(practice, post_id).status


def test_posts_due_in_a_few_seconds_publish_exactly_once(staffed: Practice, platform: LoopbackPlatform,
                                                         serve: Serve) -> None:
    due = now_utc() + timedelta(seconds=3)
    post_ids = [through_review(staffed, clean_text(n), due + timedelta(seconds=n % 2)) for n in range(3)]
    service = serve(staffed.store.url, staffed.config_path)
    assert wait_until(lambda: all(pub_status(staffed, p) == "published" for p in post_ids), timeout=30)
    assert wait_until(lambda: False, timeout=1.5) is False  # a few more polls: nothing is sent again
    assert sorted(platform.post_ids()) == sorted(post_ids)
    assert all(post_row(staffed, p).status == "published" for p in post_ids)
    assert service.terminate() == 0


def test_status_shows_the_heartbeat_while_the_service_runs(staffed: Practice, serve: Serve) -> None:
    service = serve(staffed.store.url, staffed.config_path)
    worker = service.wait_for_event("started")["worker"]
    running = socialtui(staffed, "status")
    assert running.returncode == 0 and f"Service: {worker}" in running.stdout
    assert service.terminate() == 0
    stopped = socialtui(staffed, "status")
    assert "NOT RUNNING" in stopped.stdout


def test_sigterm_lets_the_publication_in_flight_finish_and_exits_zero(staffed: Practice, platform: LoopbackPlatform,
                                                                      serve: Serve) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    service = serve(staffed.store.url, staffed.config_path, fault="pause-before-send:2")
    assert wait_until(lambda: pub_status(staffed, post_id) == "publishing")
    assert service.terminate() == 0
    assert pub_status(staffed, post_id) == "published"
    assert post_row(staffed, post_id).status == "published"
    assert platform.post_ids() == [post_id]
    assert "stopped" in [e["event"] for e in service.events()]


def test_killed_after_sending_the_restart_finds_the_post_by_its_marker(staffed: Practice, platform: LoopbackPlatform,
                                                                     serve: Serve) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    crashed = serve(staffed.store.url, staffed.config_path, fault="pause-after-send:60")
    assert platform.wait_for(1)
    crashed.kill()
    assert pub_status(staffed, post_id) == "publishing"  # the platform has it; the store does not know

    restarted = serve(staffed.store.url, staffed.config_path)
    assert wait_until(lambda: pub_status(staffed, post_id) == "published")
    pub = publication(staffed, post_id)
    assert (pub.remote_id, pub.remote_url) == ("remote-1", "https://intranet.example/posts/1")
    assert post_row(staffed, post_id).status == "published"
    assert restarted.wait_for_event("started")["published"] == 1
    assert platform.post_ids() == [post_id]
    assert restarted.terminate() == 0


def test_killed_before_sending_the_restart_asks_a_person_and_never_resends(
        staffed: Practice, platform: LoopbackPlatform, serve: Serve) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    crashed = serve(staffed.store.url, staffed.config_path, fault="pause-before-send:60")
    assert wait_until(lambda: publication(staffed, post_id).marker is not None)
    crashed.kill()

    restarted = serve(staffed.store.url, staffed.config_path)
    assert restarted.wait_for_event("started")["needs_attention"] == 1
    pub = publication(staffed, post_id)
    assert pub.status == "needs_attention" and "not found on the platform" in (pub.last_error or "")
    assert post_row(staffed, post_id).status == "needs_attention"
    assert wait_until(lambda: False, timeout=1.5) is False  # a few polls later: still nothing sent
    assert platform.count() == 0
    assert restarted.terminate() == 0


def test_a_post_past_its_grace_window_is_marked_missed_not_sent(staffed: Practice, platform: LoopbackPlatform,
                                                               serve: Serve) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(days=2))
    once = serve(staffed.store.url, staffed.config_path, args=("--once",))
    assert once.wait() == 0
    assert post_row(staffed, post_id).status == "missed"
    assert platform.count() == 0
