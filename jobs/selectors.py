"""Jobs belong to the user who started them: nobody else sees their progress or their file."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from jobs.models import Job


def jobs_for(user: Any) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def job_for(user: Any, job_id: Any) -> Job:
    job = jobs_for(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
