import { AddressLimits, clientAddress } from './address-limits.store';

describe(AddressLimits.name, () => {
  it('refuses a connection beyond the cap of its address and admits it again after a close', () => {
    const sut = new AddressLimits({ connectionsPerAddress: 2, guestsPerAddress: 1 });

    expect([sut.openConnection('a'), sut.openConnection('a'), sut.openConnection('a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(sut.openConnection('b')).toBe(true);
    sut.closeConnection('a');
    expect(sut.openConnection('a')).toBe(true);
  });

  it('caps guest sessions per address apart from connections', () => {
    const sut = new AddressLimits({ connectionsPerAddress: 10, guestsPerAddress: 1 });

    expect(sut.admitGuest('a')).toBe(true);
    expect(sut.admitGuest('a')).toBe(false);
    expect(sut.admitGuest('b')).toBe(true);
    sut.releaseGuest('a');
    expect(sut.admitGuest('a')).toBe(true);
  });

  it('forgets an address that holds nothing any more', () => {
    const sut = new AddressLimits({ connectionsPerAddress: 1, guestsPerAddress: 1 });
    sut.openConnection('a');
    sut.admitGuest('a');
    sut.openConnection('b');
    sut.openConnection('b');

    sut.closeConnection('a');
    sut.releaseGuest('a');
    sut.closeConnection('b');
    sut.closeConnection('never-seen');

    expect(sut.size).toBe(0);
  });
});

describe(clientAddress.name, () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('counts %s as %s', (remote, expected) => {
    expect(clientAddress(remote)).toBe(expected);
  });
});
