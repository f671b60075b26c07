/** Download buttons for every export format of the job's kind (files from /v1/jobs/:id/exports). */
const FORMATS: Record<string, { format: string; label: string }[]> = {
  timetabling: [
    { format: "xlsx", label: "Excel workbook (XLSX)" },
    { format: "csv", label: "CSV" },
    { format: "ics", label: "Calendar (ICS)" },
    { format: "html", label: "Printable HTML" },
    { format: "itc", label: "ITC-2007 solution" },
    { format: "json", label: "JSON" },
    { format: "zip", label: "Everything (ZIP)" },
  ],
  tsp: [
    { format: "tour", label: "TSPLIB .tour" },
    { format: "csv", label: "CSV" },
    { format: "geojson", label: "GeoJSON" },
    { format: "svg", label: "SVG drawing" },
    { format: "json", label: "JSON" },
    { format: "zip", label: "Everything (ZIP)" },
  ],
  continuous: [
    { format: "json", label: "JSON" },
    { format: "csv", label: "CSV" },
    { format: "zip", label: "Everything (ZIP)" },
  ],
};

export function ExportsPanel({ jobId, kind }: { jobId: string; kind: string }) {
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">Exports</h2>
      <div className="button-row">
        {(FORMATS[kind] ?? FORMATS.continuous).map((f) => (
          <a key={f.format} className="button small" href={`/v1/jobs/${jobId}/exports/${f.format}`} download data-format={f.format}>
            {f.label}
          </a>
        ))}
      </div>
    </section>
  );
}
