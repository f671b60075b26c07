/**
 * Share links (read-only result for anyone holding the link, expiring, revocable) and calendar
 * feeds (a subscribable ICS URL per room / group / instructor, revocable). A link's URL carries
 * its secret, so it is shown once — right after creation — with a copy button.
 */
import { calendarLabel } from "../../components/labels";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import type { LinkItem } from "../../server/links.server";

export interface LinksActionData {
  error?: string | null;
  createdUrl?: string | null;
  createdKind?: "share" | "calendar";
}

function CopyUrl({ url, testId }: { url: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret" style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
      <code data-testid={testId} style={{ wordBreak: "break-all" }}>
        {url}
      </code>
      <button
        type="button"
        className="button small"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}

function LinkRows({ links, kind, label }: { links: LinkItem[]; kind: "share" | "calendar"; label: (l: LinkItem) => string }) {
  const busy = useNavigation().state !== "idle";
  if (!links.length) return <p className="muted">None yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data" data-testid={`${kind}-links`}>
        <thead>
          <tr>
            <th scope="col">Link</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {links.map((l) => {
            const expired = l.expiresAt !== null && Date.parse(l.expiresAt) <= Date.now();
            const status = l.revokedAt ? "revoked" : expired ? "expired" : l.expiresAt ? `active until ${l.expiresAt.slice(0, 16).replace("T", " ")}` : "active";
            return (
              <tr key={l.id}>
                <td>{label(l)}</td>
                <td>{l.createdAt.slice(0, 16).replace("T", " ")}</td>
                <td>{status}</td>
                <td>
                  {!l.revokedAt && !expired ? (
                    <Form method="post">
                      <input type="hidden" name="linkId" value={l.id} />
                      <button type="submit" className="button small danger" name="intent" value={kind === "share" ? "share-revoke" : "feed-revoke"} disabled={busy}>
                        Revoke
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function LinksPanel({ share, feeds, calendars }: { share: LinkItem[]; feeds: LinkItem[]; calendars: string[] }) {
  const result = useActionData<LinksActionData>();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">Sharing</h2>
      <div className="card stack">
        <h3>Share link</h3>
        <p>Anyone with the link sees this result read-only and can download its exports — nothing else.</p>
        <Form method="post" className="filters">
          <div className="field">
            <label htmlFor="share-hours">Valid for</label>
            <select id="share-hours" name="hours" defaultValue="168">
              <option value="24">1 day</option>
              <option value="168">7 days</option>
              <option value="720">30 days</option>
            </select>
          </div>
          <button type="submit" className="button small" name="intent" value="share-create" disabled={busy}>
            Create share link
          </button>
        </Form>
        {result?.createdUrl && result.createdKind === "share" ? <CopyUrl url={result.createdUrl} testId="new-share-url" /> : null}
        <LinkRows links={share} kind="share" label={(l) => l.id} />
      </div>
      {calendars.length ? (
        <div className="card stack" style={{ marginTop: 12 }}>
          <h3>Calendar feeds</h3>
          <p>A secret URL to subscribe to in a calendar app; it follows the newest re-solve (fork) of this timetable.</p>
          <Form method="post" className="filters">
            <div className="field">
              <label htmlFor="feed-view">Feed of</label>
              <select id="feed-view" name="view">
                {calendars.map((c) => (
                  <option key={c} value={c}>
                    {calendarLabel(c)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button small" name="intent" value="feed-create" disabled={busy}>
              Create feed URL
            </button>
          </Form>
          {result?.createdUrl && result.createdKind === "calendar" ? <CopyUrl url={result.createdUrl} testId="new-feed-url" /> : null}
          <LinkRows links={feeds} kind="calendar" label={(l) => l.view ?? l.id} />
        </div>
      ) : null}
    </section>
  );
}
