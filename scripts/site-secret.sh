# Sourced by start.sh. The data folder holds the site secret, the database and its backups:
# the folder is the owner's alone (0700) and the secret file readable by the owner only (0600).

# ensure_site_secret DIR: makes DIR/.site-secret once (64 random hex digits), tightens the
# modes of DIR and the file (also when an older version left them world-readable), exports SITE_SECRET.
ensure_site_secret() {
  local dir="$1"
  local file="$dir/.site-secret"
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ ! -s "$file" ]; then
    # umask in a subshell: the file never exists with looser permissions, not even for a moment.
    (
      umask 077
      node -e 'console.log(require("node:crypto").randomBytes(32).toString("hex"))' > "$file.new"
      mv "$file.new" "$file"
    )
  fi
  chmod 600 "$file"
  SITE_SECRET=$(cat "$file")
  export SITE_SECRET
}
