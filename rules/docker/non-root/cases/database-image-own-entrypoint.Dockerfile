# The database image's entrypoint drops root; replacing it with our own does not.
FROM postgres:16.4
#    ^^^^^^^^^^^^^ noUser
COPY start.sh /usr/local/bin/start.sh
ENTRYPOINT ["/usr/local/bin/start.sh"]
