"""The S3-compatible blob store (AWS S3, MinIO, Garage, Scaleway...), through boto3.

Configured by PREUVES_S3_BUCKET, PREUVES_S3_ENDPOINT_URL (empty for AWS) and
PREUVES_S3_PREFIX; credentials and region come the usual boto3 way (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, ~/.aws/, an instance role).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from preuves.media.store import CHUNK, fan_out

# Multipart above 64 MiB, in 64 MiB parts: a 2 GiB video is 32 parts, well under S3's 10 000.
TRANSFER = TransferConfig(multipart_threshold=64 * CHUNK, multipart_chunksize=64 * CHUNK)


def _missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")


class S3Store:
    """Objects named <prefix>ab/cd/<sha256> in one bucket; bodies are streamed, never held."""

    def __init__(self, bucket: str, endpoint_url: str | None = None, prefix: str = "") -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url or None)

    def key(self, sha256: str) -> str:
        return self.prefix + fan_out(sha256)

    def put_file(self, path: Path, sha256: str, *, move: bool = False) -> None:
        if not self.exists(sha256):
            self.client.upload_file(str(path), self.bucket, self.key(sha256), Config=TRANSFER)
        if move:
            Path(path).unlink(missing_ok=True)

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))["Body"]
        except ClientError as error:
            if _missing(error):
                raise FileNotFoundError(sha256) from None
            raise

    def read_range(self, sha256: str, start: int, length: int) -> Iterator[bytes]:
        if length <= 0:
            return
        wanted = f"bytes={start}-{start + length - 1}"
        body = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256), Range=wanted)
        try:
            yield from body["Body"].iter_chunks(CHUNK)
        finally:
            body["Body"].close()

    def exists(self, sha256: str) -> bool:
        return self.size(sha256) is not None

    def size(self, sha256: str) -> int | None:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as error:
            if _missing(error):
                return None
            raise
        return int(head["ContentLength"])

    def delete(self, sha256: str) -> bool:
        if not self.exists(sha256):
            return False
        self.client.delete_object(Bucket=self.bucket, Key=self.key(sha256))
        return True

    def local_path(self, sha256: str) -> Path | None:
        return None
