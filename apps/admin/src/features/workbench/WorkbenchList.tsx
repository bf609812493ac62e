import type { CSSProperties, ReactNode } from 'react';
import { theme } from 'antd';

/**
 * The workbench's short lists, drawn like antd's small `List`. antd's List carries its pagination
 * (and with it Select) into the first page after sign-in; these lists never page.
 */
export function WorkbenchList<T>({
  items,
  render,
  empty,
  testId,
}: {
  items: T[];
  /** The row's content, with links or buttons to its right (`actions`) and a note at its end (`extra`). */
  render: (item: T) => { content: ReactNode; actions?: ReactNode[]; extra?: ReactNode };
  empty?: ReactNode;
  testId?: string;
}) {
  const { token } = theme.useToken();
  if (items.length === 0) {
    return (
      <div data-testid={testId} style={{ padding: '16px 0', textAlign: 'center', color: token.colorTextDescription }}>
        {empty}
      </div>
    );
  }
  const row: CSSProperties = {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: 16,
    padding: '8px 16px',
    borderBlockEnd: `1px solid ${token.colorSplit}`,
  };
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => {
        const { content, actions, extra } = render(item);
        return (
          <li key={i} style={i === items.length - 1 ? { ...row, borderBlockEnd: 'none' } : row}>
            <div style={{ minWidth: 0, flex: 1 }}>{content}</div>
            {actions && actions.length > 0 && <div style={{ display: 'flex', gap: 8, flex: 'none' }}>{actions}</div>}
            {extra && <div style={{ flex: 'none' }}>{extra}</div>}
          </li>
        );
      })}
    </ul>
  );
}
