import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { CertificatesTable } from "../db/schema.js";

/**
 * The certificate as a one-page A4 landscape PDF: learner, course, dates, instructors and the
 * verification code, which is also in the document's metadata (subject and keywords) so that
 * tools can read it without parsing the page.
 */
export async function renderCertificatePdf(
  certificate: CertificatesTable,
  issuer: string,
  verifyUrl: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Certificate: ${certificate.course_title} — ${certificate.learner_name}`);
  doc.setSubject(`Verification code ${certificate.verification_code}`);
  doc.setKeywords(["certificate", certificate.verification_code]);
  doc.setAuthor(issuer);
  doc.setProducer("Lectern");
  doc.setCreationDate(new Date(`${certificate.issued_on}T00:00:00Z`));
  const page = doc.addPage([842, 595]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const centre = (text: string, y: number, size: number, font = regular) => {
    const safe = winAnsi(text);
    page.drawText(safe, {
      x: (842 - font.widthOfTextAtSize(safe, size)) / 2,
      y,
      size,
      font,
      color: rgb(0.1, 0.1, 0.2),
    });
  };
  page.drawRectangle({
    x: 24,
    y: 24,
    width: 794,
    height: 547,
    borderWidth: 2,
    borderColor: rgb(0.2, 0.3, 0.5),
  });
  centre("Certificate of completion", 480, 32, bold);
  centre("This certifies that", 420, 14);
  centre(certificate.learner_name, 380, 26, bold);
  centre("has completed", 340, 14);
  centre(certificate.course_title, 300, 22, bold);
  const dates =
    certificate.start_date === certificate.end_date
      ? certificate.start_date
      : `${certificate.start_date} to ${certificate.end_date}`;
  centre(dates, 265, 14);
  if (certificate.instructor_names) centre(`Instructor: ${certificate.instructor_names}`, 235, 12);
  centre(`Issued ${certificate.issued_on} by ${issuer}`, 180, 12);
  if (certificate.expires_on) centre(`Valid until ${certificate.expires_on}`, 160, 12);
  centre(`Verification code: ${certificate.verification_code}`, 100, 14, bold);
  centre(verifyUrl, 80, 10);
  return doc.save();
}

/** The standard fonts speak WinAnsi: characters outside it become "?". */
export const winAnsi = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
