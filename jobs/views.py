from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jobs.selectors import job_for, jobs_for


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/job_list.html", {"jobs": jobs_for(request.user)[:50]})


@login_required
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    return render(request, "jobs/job_detail.html", {"job": job_for(request.user, job_id)})


@login_required
def job_progress(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """The progress partial, polled by HTMX every second until the job has finished."""
    return render(request, "jobs/_progress.html", {"job": job_for(request.user, job_id)})


@login_required
def job_download(request: HttpRequest, job_id: UUID) -> FileResponse:
    job = job_for(request.user, job_id)
    if not job.result:
        raise Http404
    return FileResponse(
        job.result.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_content_type
    )
