"""Background jobs: a job is a database row; web-process threads or `flask jobs work` run it."""
