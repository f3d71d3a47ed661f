"""Daily digest e-mails: config, periods, content, rendering, sending, exactly-once log.

The flow (:mod:`scheduler.digests.deliver`): find the period that is due, claim it in the
digest log, collect the recipient's stories, render text + HTML, hand it to SMTP (or the
outbox), then mark it sent.
"""
