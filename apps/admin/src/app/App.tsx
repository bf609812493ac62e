import { App as AntApp, ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context';
import { AuthProvider } from './AuthProvider';
import { router } from './router';

const THEME = {
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#b71c1c',
    // Secondary texts (descriptions, hints, table footers) at ≥ 4.5:1 on white and on the grey page
    // background (WCAG AA); antd's own are #8c8c8c, 3.4:1.
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Status colours dark enough for text (tags, success/danger texts, danger links) at ≥ 4.5:1 on
    // white and on their own light backgrounds; solid tags keep white text readable on them.
    colorSuccess: '#237804',
    colorWarning: '#8a5300',
    colorError: '#c41d1d',
    colorInfo: '#0958d9',
    colorSuccessText: '#135200',
    colorWarningText: '#7a4100',
    colorErrorText: '#a8071a',
    colorInfoText: '#003eb3',
    colorSuccessBg: '#f6ffed',
    colorWarningBg: '#fffbe6',
    red: '#c41d1d',
    volcano: '#ad2102',
    orange: '#ad4e00',
    gold: '#8a5300',
    green: '#237804',
    blue: '#0958d9',
    cyan: '#006d75',
    purple: '#531dab',
    magenta: '#9e1068',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** antd's own texts (pagination, date pickers, empty states) follow the chosen language. */
export function App() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={THEME}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
