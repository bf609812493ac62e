/** The product mark: 考 on the seal-red square, sized for the menu or the login card. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        flex: 'none',
        width: size,
        height: size,
        borderRadius: size / 5,
        background: '#b71c1c',
        color: '#fff',
        display: 'grid',
        placeItems: 'center',
        fontSize: size / 2,
        fontWeight: 700,
      }}
    >
      考
    </span>
  );
}
