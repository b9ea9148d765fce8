"""Video and audio derivatives with Debian's ffmpeg: a poster, a web MP4, an M4A.

Every output drops all metadata (`-map_metadata -1`, `-map_chapters -1`): phones write the place
(`com.apple.quicktime.location.ISO6709`), the device and the time into videos. A source that
already is what browsers play (H.264 + AAC) is copied, not re-encoded: seconds instead of minutes
for a 500 MB iPad video, and no loss.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from preuves.media.derivatives.errors import ConversionFailed
from preuves.media.derivatives.plans import POSTER_SIZE, VIDEO_MAX_SIDE
from preuves.media.derivatives.process import Heartbeat, run_tool

CLEAN = ["-map_metadata", "-1", "-map_chapters", "-1"]
WEB_MOV = ["-movflags", "+faststart"]  # the index first: playback starts before the download ends


@dataclass(frozen=True)
class Streams:
    video: dict | None
    audio: dict | None


def probe(ffprobe: str, source: Path) -> Streams:
    """The first video and audio streams, from ffprobe; ConversionFailed if unreadable."""
    command = [ffprobe, "-v", "error", "-show_streams", "-of", "json", str(source)]
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise ConversionFailed("The file could not be read as a video or a sound recording.")
    streams = json.loads(done.stdout or b"{}").get("streams", [])

    def first(kind: str) -> dict | None:
        # Cover art in an audio file is a "video" stream with attached_pic: not a video.
        return next(
            (
                s
                for s in streams
                if s.get("codec_type") == kind and not s.get("disposition", {}).get("attached_pic")
            ),
            None,
        )

    return Streams(first("video"), first("audio"))


def _fit(max_side: int) -> str:
    """Scale the longer side down to max_side (never up), even dimensions for H.264."""
    return (
        f"scale=w='if(gte(iw,ih),min({max_side},iw),-2)':h='if(gte(iw,ih),-2,min({max_side},ih))',"
        "scale=trunc(iw/2)*2:trunc(ih/2)*2"
    )


def poster(ffmpeg: str, source: Path, target: Path, heartbeat: Heartbeat) -> None:
    """A still from one second in (the first frame is often black), else the first frame."""
    for start in (["-ss", "1"], []):
        command = [ffmpeg, "-nostdin", "-v", "error", "-y", *start, "-i", str(source)]
        command += ["-map", "0:v:0", "-frames:v", "1", "-vf", _fit(POSTER_SIZE), *CLEAN]
        command += ["-c:v", "mjpeg", "-q:v", "3", "-f", "image2", str(target)]
        try:
            run_tool(command, heartbeat)
        except ConversionFailed:
            continue
        if target.is_file() and target.stat().st_size > 0:
            return
    raise ConversionFailed("No picture could be taken from the video.")


def _plays_everywhere(streams: Streams) -> bool:
    video = streams.video or {}
    audio_ok = streams.audio is None or streams.audio.get("codec_name") == "aac"
    return (
        video.get("codec_name") == "h264"
        and video.get("pix_fmt") in ("yuv420p", "yuvj420p")
        and audio_ok
    )


def web_video(
    ffmpeg: str, source: Path, target: Path, streams: Streams, heartbeat: Heartbeat
) -> None:
    """An MP4 (H.264/AAC, +faststart) with a real duration, that Chrome and Safari both play."""
    command = [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source)]
    command += ["-map", "0:v:0", "-map", "0:a:0?", *CLEAN, *WEB_MOV]
    if _plays_everywhere(streams):
        command += ["-c", "copy"]
    else:
        command += ["-vf", _fit(VIDEO_MAX_SIDE), "-c:v", "libx264", "-preset", "veryfast"]
        command += ["-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k"]
    run_tool([*command, "-f", "mp4", str(target)], heartbeat)


def web_audio(
    ffmpeg: str, source: Path, target: Path, streams: Streams, heartbeat: Heartbeat
) -> None:
    """AAC in M4A (+faststart): the one audio format both Chrome and Safari play."""
    if streams.audio is None:
        raise ConversionFailed("The recording has no sound.")
    command = [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source)]
    command += ["-map", "0:a:0", "-vn", *CLEAN, *WEB_MOV]
    if streams.audio.get("codec_name") == "aac":
        command += ["-c:a", "copy"]
    else:
        command += ["-c:a", "aac", "-b:a", "96k"]
    run_tool([*command, "-f", "ipod", str(target)], heartbeat)
