"""nbgrader's site-wide settings on the coursekit hub: every learner's, trainer's and assessor's server
reads them. Install as etc/jupyter/nbgrader_config.py inside the hub's Python environment
(/opt/coursekit-hub/venv/etc/jupyter/nbgrader_config.py), or as /etc/jupyter/nbgrader_config.py.

tests/test_hub.py and tests/test_hub_load.py use this file, with a temporary exchange folder.
"""

c = get_config()  # noqa: F821 - provided by nbgrader

# The exchange: where trainers release assignments and feedback, and learners hand in work.
# Make it once, open to all with the sticky bit, as nbgrader needs:
#   mkdir -p /srv/nbgrader/exchange && chmod 1777 /srv/nbgrader/exchange
c.Exchange.root = "/srv/nbgrader/exchange"

# Each learner's submission folder closed to every other learner (nbgrader's own submit leaves it 0777).
c.ExchangeFactory.submit = "coursekit.cohort.exchange_submit.PrivateSubmit"
