import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { type Actor, authorize } from "../auth/actor.js";
import { winAnsi } from "../certificates/certificate-pdf.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../errors.js";
import { attendanceRepository } from "./attendance.repository.js";
import { BOOKING_HOLDING, enrollmentRepository } from "./enrollments.repository.js";

const MARK: Record<string, string> = {
  present: "present",
  late: "late",
  absent: "absent",
  excused: "excused",
};

/** A printable attendance sheet: one row per seated learner, one column per segment (recorded status, or a box to sign). */
export async function attendanceSheetPdf(db: Executor, actor: Actor, sessionId: string) {
  authorize(actor, "reference:read");
  const session = await enrollmentRepository.findSession(db, actor.tenantId, sessionId);
  if (!session) throw notFound("Session", sessionId);
  const [segments, rows, attendance] = await Promise.all([
    enrollmentRepository.segmentsOf(db, actor.tenantId, sessionId),
    enrollmentRepository.forSession(db, actor.tenantId, sessionId),
    attendanceRepository.forSession(db, actor.tenantId, sessionId),
  ]);
  const seated = rows.filter((row) => (BOOKING_HOLDING as readonly string[]).includes(row.status));
  const marks = new Map(attendance.map((a) => [`${a.enrollment_id}|${a.segment_id}`, a.status]));

  const doc = await PDFDocument.create();
  doc.setTitle(`Attendance: ${session.title ?? session.course_title}`);
  doc.setProducer("Lectern");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = 842;
  const height = 595;
  const nameWidth = 220;
  const columns = Math.max(1, segments.length);
  const columnWidth = Math.min(120, (width - 60 - nameWidth) / columns);
  const perPage = 22;
  for (let start = 0; start === 0 || start < seated.length; start += perPage) {
    const page = doc.addPage([width, height]);
    const text = (value: string, x: number, y: number, size = 10, font = regular) =>
      page.drawText(winAnsi(value), { x, y, size, font, color: rgb(0, 0, 0) });
    text(`Attendance sheet: ${session.title ?? session.course_title}`, 30, height - 40, 16, bold);
    text(`Times in ${session.time_zone}`, 30, height - 58, 9);
    let y = height - 90;
    text("Learner", 30, y, 10, bold);
    segments.forEach((segment, index) => {
      text(segment.start_local.replace("T", " "), 30 + nameWidth + index * columnWidth, y, 8, bold);
    });
    for (const row of seated.slice(start, start + perPage)) {
      y -= 20;
      text(row.learner_name, 30, y, 10);
      segments.forEach((segment, index) => {
        const x = 30 + nameWidth + index * columnWidth;
        const mark = marks.get(`${row.id}|${segment.id}`);
        if (mark) text(MARK[mark] ?? mark, x, y, 9);
        else
          page.drawRectangle({
            x,
            y: y - 4,
            width: columnWidth - 10,
            height: 16,
            borderWidth: 0.5,
            borderColor: rgb(0.4, 0.4, 0.4),
          });
      });
    }
  }
  return { filename: `attendance-${sessionId}.pdf`, bytes: await doc.save() };
}
