-- ConvertAPI polls and deletes a job by its id alone, without a key (the id is the capability)
CREATE INDEX jobs_id ON jobs (id);
