import { DocumentButtons } from '../../../components/DocumentButtons';
import { suggestionsApi, type SuggestionDto } from '../suggestions.api';

/** The suggestion's 《绩效改进通知书》 as PDF or Word, shown wherever its number is. */
export function NoticeDownload({ s }: { s: Pick<SuggestionDto, 'id' | 'noticeNo'> }) {
  if (!s.noticeNo) return null;
  return <DocumentButtons compact size="small" testId={`notice-${s.id}`} download={(format) => suggestionsApi.notice(s.id, format)} />;
}
