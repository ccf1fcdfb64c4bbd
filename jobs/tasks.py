"""The one django-tasks task: it runs a `Job` by id. Everything else goes through jobs.runner."""

from django_tasks import task


@task()
def run_job(job_id: str) -> None:
    from jobs.runner import execute

    execute(job_id)
