"""Jobs belong to the user who started them: nobody else sees their progress or their file."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.types import Actor, user_of
from jobs.models import Job


def jobs_for(user: Actor) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(owner=user_of(user))


def job_for(user: Actor, job_id: Any) -> Job:
    job = jobs_for(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
