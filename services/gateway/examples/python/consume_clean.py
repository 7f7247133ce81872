"""Example downstream consumer of news.clean.v1 in Python, using only the published contract.

It validates every clean article against the JSON Schema Inkstream publishes (libs/contracts/published, or
GET /contracts/json-schema/clean-article.schema.json from a gateway), keeps the highest version per article id
(delivery is at least once and an article is republished when it changes) and commits offsets only after a
message is handled. One JSON line per message on stdout:

    python consume_clean.py --brokers 127.0.0.1:9092 --group my-reader
    python consume_clean.py --schema http://127.0.0.1:3000/contracts/json-schema/clean-article.schema.json

Exit status: 0 when every message read was valid, 1 when one was not, 2 when --max-messages did not arrive
before --timeout.
"""

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

from confluent_kafka import Consumer, KafkaException
from jsonschema import Draft7Validator, FormatChecker

DEFAULT_SCHEMA = (
    Path(__file__).resolve().parents[4] / "libs" / "contracts" / "published" / "json-schema" / "clean-article.schema.json"
)


def upgrade(article):
    """Reads an older schemaVersion as the current one, as Inkstream's own readers do (published/README.md):
    version 1 had no `authors`."""
    if isinstance(article, dict) and article.get("schemaVersion") == 1:
        return {**article, "schemaVersion": 2, "authors": []}
    return article


def load_schema(location):
    if location.startswith(("http://", "https://")):
        with urllib.request.urlopen(location, timeout=10) as response:
            return json.load(response)
    with open(location, encoding="utf-8") as handle:
        return json.load(handle)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Read and validate clean articles from Inkstream.")
    parser.add_argument("--brokers", default=os.environ.get("KAFKA_BROKERS", "127.0.0.1:9092"))
    prefix = os.environ.get("KAFKA_TOPIC_PREFIX", "")
    parser.add_argument("--topic", default=f"{prefix}news.clean.v1")
    parser.add_argument("--group", default="example-python-clean-reader")
    parser.add_argument("--schema", default=str(DEFAULT_SCHEMA), help="path or URL of the clean-article JSON Schema")
    parser.add_argument("--max-messages", type=int, default=0, help="stop after this many messages (0: never)")
    parser.add_argument("--timeout", type=float, default=0, help="give up after this many seconds (0: never)")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    validator = Draft7Validator(load_schema(args.schema), format_checker=FormatChecker())
    consumer = Consumer(
        {
            "bootstrap.servers": args.brokers,
            "group.id": args.group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    consumer.subscribe([args.topic])
    latest_version = {}
    read = 0
    all_valid = True
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    try:
        while args.max_messages == 0 or read < args.max_messages:
            if deadline is not None and time.monotonic() > deadline:
                return 2
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                raise KafkaException(message.error())
            headers = {name: value.decode("utf-8") for name, value in (message.headers() or [])}
            try:
                article = upgrade(json.loads(message.value()))
                errors = sorted(validator.iter_errors(article), key=lambda error: list(error.absolute_path))
            except ValueError as error:
                article, errors = {}, [error]
            problems = [
                f"{'/'.join(str(part) for part in getattr(error, 'absolute_path', []))}: {getattr(error, 'message', error)}"
                for error in errors
            ]
            article_id = article.get("id") if isinstance(article, dict) else None
            version = article.get("version", 0) if isinstance(article, dict) else 0
            newer = not problems and version > latest_version.get(article_id, 0)
            if newer:
                latest_version[article_id] = version
            all_valid = all_valid and not problems
            print(
                json.dumps(
                    {
                        "key": message.key().decode("utf-8") if message.key() else None,
                        "messageType": headers.get("message-type"),
                        "id": article_id,
                        "version": version,
                        "valid": not problems,
                        "newer": newer,
                        "errors": problems,
                    }
                ),
                flush=True,
            )
            consumer.commit(message=message, asynchronous=False)
            read += 1
    finally:
        consumer.close()
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
